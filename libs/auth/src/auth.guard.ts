import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { ANONYMOUS_OPERATOR, type AuthenticatedUser, type Role } from './authenticated-user';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

/** The verifier, or null when AUTH_DISABLED=true. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

interface HttpRequest extends Partial<AuthenticatedRequest> {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Every HTTP route needs a valid bearer token unless it is @Public(); @Roles() narrows it to some
 * roles. No token or a bad one is a 401 whose WWW-Authenticate header says why (RFC 6750); a good
 * token without the role is a 403. Kafka handlers are not HTTP: the broker's ACLs decide there.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const user = await this.authenticate(request, http.getResponse<HttpResponse>());
    request.user = user;

    const required = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenException(`this needs the ${required.join(' or ')} role`);
    }
    return true;
  }

  private async authenticate(
    request: HttpRequest,
    response: HttpResponse,
  ): Promise<AuthenticatedUser> {
    if (!this.verifier) return ANONYMOUS_OPERATOR;
    const header = request.headers['authorization'];
    const [scheme, token, ...rest] = (typeof header === 'string' ? header : '').split(' ');
    if (!header) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="fanout"');
      throw new UnauthorizedException('a bearer token is required: Authorization: Bearer <token>');
    }
    if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
      return this.refuse(response, 'the Authorization header must be "Bearer <token>"');
    }
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) return this.refuse(response, error.message);
      throw error;
    }
  }

  private refuse(response: HttpResponse, reason: string): never {
    response.setHeader(
      'WWW-Authenticate',
      `Bearer realm="fanout", error="invalid_token", error_description="${reason.replaceAll('"', "'")}"`,
    );
    throw new UnauthorizedException(reason);
  }
}

import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser, Role } from './authenticated-user';

export const IS_PUBLIC = 'fanout:auth:public';
export const REQUIRED_ROLES = 'fanout:auth:roles';

/** Open to anyone, with or without a token (/health). Everything else needs a valid token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only callers with one of these roles; others get a 403 (they are known, just not allowed). */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES, roles);

/** The request as AuthGuard leaves it. */
export interface AuthenticatedRequest {
  user: AuthenticatedUser;
}

/** The caller AuthGuard verified: `@CurrentUser() user: AuthenticatedUser`. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const { user } = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>();
    // A handler marked @Public() has no caller: asking for one there is a programming error.
    if (!user)
      throw new Error('@CurrentUser() used on a route that AuthGuard did not authenticate');
    return user;
  },
);

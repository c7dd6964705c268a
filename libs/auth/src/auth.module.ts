import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { type AuthConfig, type KeySource, resolveAuthConfig } from './auth-config';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { TokenVerifier } from './token-verifier';

export interface AuthModuleOptions {
  /** Overrides the environment (AUTH_*); for tests. */
  config?: AuthConfig;
}

/**
 * Bearer-token authentication for every HTTP route of the app (AuthGuard as a global guard).
 * The configuration and the keys are read while the app is created, not when the module is
 * declared: without them the service refuses to start, and bootstrapService says what to set.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: TOKEN_VERIFIER,
          useFactory: async (): Promise<TokenVerifier | null> => {
            const logger = new Logger('Auth');
            const config = options.config ?? resolveAuthConfig();
            if (config.disabled) {
              logger.warn('AUTH_DISABLED=true: every caller is an operator, without a token');
              return null;
            }
            const verifier = await TokenVerifier.create(config);
            logger.log({
              msg: 'bearer tokens required',
              issuer: config.issuer,
              audience: config.audience,
              keys: describeKeys(config.keys),
            });
            return verifier;
          },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}

function describeKeys(keys: KeySource): string {
  if (keys.kind === 'jwks-url') return keys.url.href;
  if (keys.kind === 'jwks-inline') return 'AUTH_JWKS';
  return keys.path;
}

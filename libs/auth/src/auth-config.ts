/** Where the services find the issuer's public keys: exactly one of these is configured. */
export type KeySource =
  | { kind: 'jwks-url'; url: URL }
  | { kind: 'jwks-file'; path: string }
  | { kind: 'public-key-file'; path: string }
  /** The JWKS itself (AUTH_JWKS): for a platform that passes configuration as variables only. */
  | { kind: 'jwks-inline'; jwks: string };

export interface VerifiedTokensConfig {
  disabled: false;
  /** The `iss` every token must carry (AUTH_ISSUER). */
  issuer: string;
  /** The `aud` every token must include (AUTH_AUDIENCE, default `fanout`). */
  audience: string;
  keys: KeySource;
  /** Signature algorithms accepted (AUTH_ALGORITHMS): asymmetric only, so a public key cannot sign. */
  algorithms: string[];
}

/** AUTH_DISABLED=true: every caller is an anonymous operator. For a laptop, never a deployment. */
export interface DisabledAuthConfig {
  disabled: true;
}

export type AuthConfig = VerifiedTokensConfig | DisabledAuthConfig;

export const DEFAULT_AUDIENCE = 'fanout';

/** RSA, RSA-PSS, ECDSA and EdDSA: never HS*, whose shared secret would let a verifier mint tokens. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const KEY_VARIABLES = [
  'AUTH_JWKS_URL',
  'AUTH_JWKS_FILE',
  'AUTH_JWKS',
  'AUTH_PUBLIC_KEY_FILE',
] as const;

/** A service started without a usable auth configuration: the message says what to set. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

type Environment = Record<string, string | undefined>;

/**
 * The auth configuration from the environment. Secure by default: with nothing set, the service
 * refuses to start (it never serves unauthenticated callers by accident); AUTH_DISABLED=true is
 * the one explicit way out.
 */
export function resolveAuthConfig(env: Environment = process.env): AuthConfig {
  const disabled = env['AUTH_DISABLED'];
  if (disabled !== undefined && disabled !== '' && disabled !== 'true' && disabled !== 'false') {
    throw new AuthConfigError(`AUTH_DISABLED must be true or false, not "${disabled}"`);
  }
  if (disabled === 'true') return { disabled: true };

  const given = KEY_VARIABLES.filter((name) => env[name]);
  if (given.length !== 1) {
    throw new AuthConfigError(
      given.length === 0
        ? 'no token verification configured: set AUTH_ISSUER and one of ' +
            `${KEY_VARIABLES.join(', ')} (npm start does it for you), ` +
            'or AUTH_DISABLED=true to accept every caller as an operator (never in a deployment)'
        : `set only one of ${KEY_VARIABLES.join(', ')}, not ${given.join(' and ')}`,
    );
  }
  const issuer = env['AUTH_ISSUER'];
  if (!issuer) {
    throw new AuthConfigError(
      `AUTH_ISSUER is required with ${given[0]}: tokens from any other issuer are refused`,
    );
  }
  return {
    disabled: false,
    issuer,
    audience: env['AUTH_AUDIENCE'] || DEFAULT_AUDIENCE,
    keys: keySource(given[0], env[given[0]] as string),
    algorithms: algorithms(env['AUTH_ALGORITHMS']),
  };
}

function keySource(variable: (typeof KEY_VARIABLES)[number], value: string): KeySource {
  if (variable === 'AUTH_JWKS_FILE') return { kind: 'jwks-file', path: value };
  if (variable === 'AUTH_PUBLIC_KEY_FILE') return { kind: 'public-key-file', path: value };
  if (variable === 'AUTH_JWKS') return { kind: 'jwks-inline', jwks: value };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError(`AUTH_JWKS_URL is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuthConfigError(`AUTH_JWKS_URL must be http(s), not ${url.protocol}`);
  }
  return { kind: 'jwks-url', url };
}

function algorithms(value: string | undefined): string[] {
  if (!value) return [...ASYMMETRIC_ALGORITHMS];
  const listed = value.split(',').map((name) => name.trim());
  const unknown = listed.filter(
    (name) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new AuthConfigError(
      `AUTH_ALGORITHMS: ${unknown.join(', ')} not accepted (asymmetric only: ${ASYMMETRIC_ALGORITHMS.join(', ')})`,
    );
  }
  return listed;
}

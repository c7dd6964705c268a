import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { AuthConfigError, type KeySource, type VerifiedTokensConfig } from './auth-config';
import { type AuthenticatedUser, type Role, ROLES } from './authenticated-user';

/** Clocks of the issuer and the services differ a little; a few seconds is the usual allowance. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Customer ids are at most this long (orders stores them as given). */
const MAX_SUBJECT_LENGTH = 100;
/**
 * A verified token is remembered, so that a caller's next requests skip the signature check (the
 * costliest step of a request to orders under load): until it expires as jwtVerify counts it, and
 * for a minute at most, so that a key the issuer withdraws from its JWKS stops working soon after.
 */
const VERIFIED_TOKENS = 10_000;
const MAX_REMEMBERED_MS = 60_000;

/** A token that does not prove who is calling; the message says why, for the 401. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/**
 * Verifies bearer tokens: signature against the issuer's public keys, `iss`, `aud`, `exp` (required)
 * and `nbf`, then reads who is calling (`sub`) and their roles (`roles`). Keys from a file are read
 * once, at start-up (a rotation is a restart); a JWKS URL is fetched and cached by jose, and fetched
 * again when a token names a key id it has not seen.
 */
export class TokenVerifier {
  private readonly verified = new LRUCache<string, AuthenticatedUser>({ max: VERIFIED_TOKENS });

  private constructor(
    private readonly config: VerifiedTokensConfig,
    private readonly key: KeyObject | JWTVerifyGetKey,
  ) {}

  /** Loads the keys now, so that a missing or malformed key file stops the service at start-up. */
  static async create(config: VerifiedTokensConfig): Promise<TokenVerifier> {
    return new TokenVerifier(config, await loadKeys(config.keys));
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    // The whole token is the key: any change to it, its signature included, is a new token.
    const remembered = this.verified.get(token);
    if (remembered) return remembered;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as JWTVerifyGetKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new InvalidTokenError(this.reason(error));
    }
    const subject = payload.sub as string;
    if (subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH || subject.includes('\u0000')) {
      throw new InvalidTokenError(`token subject must be 1 to ${MAX_SUBJECT_LENGTH} characters`);
    }
    const claimed = Array.isArray(payload['roles']) ? (payload['roles'] as unknown[]) : [];
    const roles = ROLES.filter((role: Role) => claimed.includes(role));
    const user: AuthenticatedUser = Object.freeze({ id: subject, roles: Object.freeze(roles) });
    const acceptedForMs = ((payload.exp as number) + CLOCK_TOLERANCE_SECONDS) * 1000 - Date.now();
    if (acceptedForMs > 0) {
      this.verified.set(token, user, { ttl: Math.min(acceptedForMs, MAX_REMEMBERED_MS) });
    }
    return user;
  }

  /** What a caller may be told: which check failed, never the key material. */
  private reason(error: unknown): string {
    if (error instanceof errors.JWTExpired) return 'token expired';
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'iss') return `token issuer is not ${this.config.issuer}`;
      if (error.claim === 'aud') return `token audience does not include ${this.config.audience}`;
      if (error.claim === 'nbf') return 'token not valid yet (nbf)';
      return `token claim ${error.claim}: ${error.reason === 'missing' ? 'missing' : 'invalid'}`;
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return "token signature does not verify with the issuer's keys";
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return 'token is signed with a key the issuer does not publish';
    }
    if (error instanceof errors.JOSEAlgNotAllowed) return 'token signature algorithm not accepted';
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
      return "the issuer's keys could not be fetched; try again";
    }
    if (error instanceof errors.JOSEError) return 'malformed token';
    throw error;
  }
}

async function loadKeys(source: KeySource): Promise<KeyObject | JWTVerifyGetKey> {
  if (source.kind === 'jwks-url') return createRemoteJWKSet(source.url);
  if (source.kind === 'jwks-inline') return parseJwks(source.jwks, 'AUTH_JWKS');
  const text = await readFile(source.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const variable = source.kind === 'jwks-file' ? 'AUTH_JWKS_FILE' : 'AUTH_PUBLIC_KEY_FILE';
    throw new AuthConfigError(`${variable}: cannot read ${source.path} (${error.code})`);
  });
  if (source.kind === 'jwks-file') return parseJwks(text, source.path);
  try {
    return createPublicKey(text);
  } catch (error) {
    throw new AuthConfigError(
      `${source.path} is not a PEM public key: ${(error as Error).message}`,
    );
  }
}

function parseJwks(text: string, origin: string): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(JSON.parse(text) as JSONWebKeySet);
  } catch (error) {
    throw new AuthConfigError(
      `${origin} is not a JWKS (JSON with a "keys" array): ${(error as Error).message}`,
    );
  }
}

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from 'jose';
import { DEFAULT_AUDIENCE } from '../auth-config';
import type { Role } from '../authenticated-user';

/** The issuer of the tokens that `npm start` and the tests mint: a URN, never a real address. */
export const LOCAL_ISSUER = 'urn:fanout:local';
export const LOCAL_ALGORITHM = 'RS256';
/** The local issuer's directory under `npm start`'s data directory. */
export const LOCAL_ISSUER_DIR = 'api-issuer';

export interface LocalIssuerFiles {
  /** PKCS#8 PEM, readable by its owner only: whoever has it can mint tokens for anyone. */
  privateKeyFile: string;
  /** The public half as a JWKS: what the services are given (AUTH_JWKS_FILE). */
  jwksFile: string;
}

/**
 * The local issuer's key pair in `<dir>/signing-key.pem` and `<dir>/jwks.json`, made on the first
 * call and kept (tokens minted earlier stay valid across restarts). Safe to call from several
 * processes at once: the private key is created exclusively, and the JWKS derived from it is
 * written whole (rename) each time.
 */
export async function ensureLocalIssuer(dir: string): Promise<LocalIssuerFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = {
    privateKeyFile: path.join(dir, 'signing-key.pem'),
    jwksFile: path.join(dir, 'jwks.json'),
  };
  const key = createPrivateKey(await readOrCreatePrivateKey(files.privateKeyFile));
  const staging = `${files.jwksFile}.${process.pid}.tmp`;
  await writeFile(staging, `${JSON.stringify({ keys: [await publicJwk(key)] }, null, 2)}\n`);
  await rename(staging, files.jwksFile);
  return files;
}

/** The environment that makes a service trust the local issuer. */
export function localIssuerEnvironment(files: LocalIssuerFiles): Record<string, string> {
  return {
    AUTH_ISSUER: LOCAL_ISSUER,
    AUTH_AUDIENCE: DEFAULT_AUDIENCE,
    AUTH_JWKS_FILE: files.jwksFile,
  };
}

export interface TokenClaims {
  /** The caller's id: for a customer, the customer id their orders carry. */
  subject: string;
  roles: readonly Role[];
  /** Default: one hour. */
  expiresInSeconds?: number;
  /** Unix seconds; default now. Tests issue tokens in the past to have expired ones. */
  issuedAt?: number;
}

/** Mints tokens as an identity provider would: RS256, `kid` in the header, `iss`/`aud`/`exp`. */
export class TokenSigner {
  private constructor(
    private readonly key: KeyObject,
    private readonly kid: string,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  static async fromFile(
    privateKeyFile: string,
    { issuer = LOCAL_ISSUER, audience = DEFAULT_AUDIENCE } = {},
  ): Promise<TokenSigner> {
    const key = createPrivateKey(await readFile(privateKeyFile, 'utf8'));
    const { kid } = await publicJwk(key);
    return new TokenSigner(key, kid as string, issuer, audience);
  }

  sign({
    subject,
    roles,
    expiresInSeconds = 3600,
    issuedAt = Math.floor(Date.now() / 1000),
  }: TokenClaims): Promise<string> {
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
      throw new RangeError(`expiresInSeconds must be a positive integer, not ${expiresInSeconds}`);
    }
    return new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresInSeconds)
      .sign(this.key);
  }
}

async function readOrCreatePrivateKey(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  // 'wx': another process that got there first wins, and both use its key.
  await writeFile(file, pem, { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return readFile(file, 'utf8');
}

async function publicJwk(privateKey: KeyObject): Promise<JWK> {
  const jwk = await exportJWK(createPublicKey(privateKey));
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: LOCAL_ALGORITHM, use: 'sig' };
}

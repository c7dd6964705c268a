import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_AUDIENCE, type VerifiedTokensConfig } from '../auth-config';
import type { Role } from '../authenticated-user';
import {
  ensureLocalIssuer,
  LOCAL_ALGORITHM,
  LOCAL_ISSUER,
  localIssuerEnvironment,
  TokenSigner,
} from './local-issuer';

/** A local issuer in a temporary directory, for tests: what the services trust, and tokens. */
export interface TestIssuer {
  /** For FanoutServiceModule's `auth` override. */
  config: VerifiedTokensConfig;
  /** For a service started as a process (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_FILE). */
  env: Record<string, string>;
  signer: TokenSigner;
  /** Its private key, to sign as another issuer or for another audience with the same key. */
  privateKeyFile: string;
  customerToken(customerId: string): Promise<string>;
  operatorToken(): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for fetch. */
  headersFor(token: string): Record<string, string>;
  dispose(): Promise<void>;
}

export async function createTestIssuer(): Promise<TestIssuer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fanout-issuer-'));
  const files = await ensureLocalIssuer(dir);
  const signer = await TokenSigner.fromFile(files.privateKeyFile);
  const sign = (subject: string, roles: Role[]) => signer.sign({ subject, roles });
  return {
    config: {
      disabled: false,
      issuer: LOCAL_ISSUER,
      audience: DEFAULT_AUDIENCE,
      keys: { kind: 'jwks-file', path: files.jwksFile },
      algorithms: [LOCAL_ALGORITHM],
    },
    env: localIssuerEnvironment(files),
    signer,
    privateKeyFile: files.privateKeyFile,
    customerToken: (customerId) => sign(customerId, ['customer']),
    operatorToken: () => sign('operator', ['operator']),
    headersFor: (token) => ({ authorization: `Bearer ${token}` }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

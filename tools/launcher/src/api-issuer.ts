import path from 'node:path';
import {
  ensureLocalIssuer,
  LOCAL_ISSUER,
  LOCAL_ISSUER_DIR,
  localIssuerEnvironment,
  TokenSigner,
} from '@fanout/auth';

/** Where `npm start` keeps the signing key of the API's bearer tokens, under its data directory. */
export const apiIssuerDir = (dataDir: string): string => path.join(dataDir, LOCAL_ISSUER_DIR);

/** Variables with which a user brings their own identity provider (or turns tokens off). */
const USER_AUTH_VARIABLES = [
  'AUTH_JWKS_URL',
  'AUTH_JWKS_FILE',
  'AUTH_JWKS',
  'AUTH_PUBLIC_KEY_FILE',
  'AUTH_DISABLED',
] as const;

export interface ApiIssuer {
  /** What each service is given; empty when the user configured auth themself. */
  env: Record<string, string>;
  /** One line for the URLs block. */
  description: string;
  /** Signs with the local issuer's key (the launcher's own calls); absent for the user's issuer. */
  signer?: TokenSigner;
}

/**
 * The services trust a local issuer whose key pair the launcher makes once in the data directory
 * (`npm run token` signs with it), unless the environment already says how to verify tokens:
 * then the services inherit that, untouched.
 */
export async function prepareApiIssuer(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ApiIssuer> {
  const own = USER_AUTH_VARIABLES.filter((name) => env[name]);
  if (own.length > 0) {
    return { env: {}, description: `as configured (${own.join(', ')})` };
  }
  const files = await ensureLocalIssuer(apiIssuerDir(dataDir));
  return {
    env: localIssuerEnvironment(files),
    signer: await TokenSigner.fromFile(files.privateKeyFile),
    description:
      `bearer tokens from ${LOCAL_ISSUER} (key in ${shortPath(path.dirname(files.jwksFile))}/): ` +
      'TOKEN=$(npm run -s token -- --customer alice), or --operator',
  };
}

/** Relative to the working directory when inside it (.data/api-issuer), else absolute. */
function shortPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') ? relative : dir;
}

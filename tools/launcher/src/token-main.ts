/**
 * `npm run -s token -- --customer alice`: a bearer token for the services `npm start` runs, on
 * stdout alone, so that `TOKEN=$(npm run -s token -- --customer alice)` works.
 */
import path from 'node:path';
import { ensureLocalIssuer, TokenSigner } from '@fanout/auth';
import { apiIssuerDir } from './api-issuer';
import { parseTokenArgs, TOKEN_USAGE, TokenArgsError } from './token-args';

const REPO_ROOT = path.resolve(__dirname, '../../..');

async function main(): Promise<void> {
  let options;
  try {
    options = parseTokenArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof TokenArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${TOKEN_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(TOKEN_USAGE);
    return;
  }
  const dataDir = path.resolve(REPO_ROOT, process.env['DATA_DIR'] ?? '.data');
  const files = await ensureLocalIssuer(apiIssuerDir(dataDir));
  const signer = await TokenSigner.fromFile(files.privateKeyFile);
  process.stdout.write(`${await signer.sign(options)}\n`);
}

void main();

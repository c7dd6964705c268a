import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Builds the broker as `npm run broker` runs it: `npm run build:broker` (tsc into dist/).
 * Measuring it under `-r @swc-node/register` instead would charge it for the compiler, about
 * 100 MiB of RSS (the @swc/core binaries and the compiler's memory).
 */
export async function buildBroker(repoRoot: string): Promise<void> {
  await promisify(execFile)('npm', ['run', '--silent', 'build:broker'], { cwd: repoRoot });
}

/**
 * `node -r @swc-node/register tools/build/src/main.ts <service>...`: compiles services to
 * dist/apps/<service>/ (see build-service.ts); each app's Nx `build` target runs it.
 */
import * as path from 'node:path';
import { buildService } from './build-service';

async function main(services: string[]): Promise<void> {
  if (services.length === 0) {
    throw new Error('usage: build <service>... (e.g. build orders)');
  }
  const repoRoot = path.resolve(__dirname, '../../..');
  for (const service of services) {
    const { entry, files } = await buildService(repoRoot, service);
    process.stdout.write(`${service}: ${files} modules compiled, start with node ${entry}\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

/**
 * The process that owns one embedded PostgreSQL server (the postgres binaries are its children)
 * and stops it on its way out:
 *
 *   node -r @swc-node/register tools/launcher/src/postgres-main.ts --data-dir <dir> --port <n>
 *
 * It prints `postgres listening on 127.0.0.1:<port>` once the server accepts connections; the
 * superuser's password is in <dir>/postgres-superuser.password, never in the log. SIGTERM, SIGINT
 * and SIGHUP make a fast shutdown (open transactions roll back, the data stays consistent).
 *
 * The launcher starts it like the broker, a Node child with the parent watch preloaded
 * (parent-watch.ts): should the launcher die, it outlives the services, then stops the server
 * as on SIGTERM. The Jest global set-up (libs/testing) runs it the same way.
 */
import { parseArgs } from 'node:util';
import {
  interruptStartedServers,
  loadEmbeddedPostgres,
  startEmbeddedPostgres,
  type RunningPostgres,
} from './embedded-postgres';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
  strict: true,
});
const dataDir = values['data-dir'];
const port = Number(values.port);
if (!dataDir || !Number.isInteger(port)) {
  process.stderr.write('usage: postgres-main.ts --data-dir <dir> --port <n>\n');
  process.exit(2);
}

const say = (line: string): boolean => process.stdout.write(`${line}\n`);

async function main(dataDir: string): Promise<void> {
  // Before any listener of ours: the package's own exit hooks are removed as it loads.
  await loadEmbeddedPostgres();

  const starting: Promise<RunningPostgres | undefined> = startEmbeddedPostgres({
    dataDir,
    port,
    onLog: say,
  }).catch((error: unknown) => {
    process.stderr.write(`PostgreSQL failed to start: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return undefined;
  });
  let stopping: Promise<void> | undefined;

  const stop = (signal: NodeJS.Signals): void => {
    stopping ??= (async () => {
      say(`${signal}: stopping PostgreSQL`);
      // A server still starting is stopped once it has started.
      const server = await starting;
      await server?.stop();
      say('PostgreSQL stopped');
      process.exit();
    })();
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
  // Whatever ends this process before stop() has finished (the parent watch's last resort, a
  // crash): the postmaster still gets its fast shutdown request, which it completes on its own.
  process.on('exit', interruptStartedServers);

  const server = await starting;
  if (!server) process.exit();
  // The launcher waits for this line.
  if (!stopping) say(`postgres listening on 127.0.0.1:${port}`);
}

void main(dataDir);

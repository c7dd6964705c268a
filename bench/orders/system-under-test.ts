import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { serviceNames as SERVICES } from '@fanout/contracts';
import { sampleProcess, type ProcessSample } from '../broker/process-stats';

const REPO_ROOT = path.resolve(__dirname, '../..');
const READY_TIMEOUT_MS = 240_000;

/**
 * postgres: the machine's PostgreSQL server (--postgres); embedded: `npm start`'s default, one
 * embedded PostgreSQL server; pglite: one PGlite database per service (--database pglite).
 */
export type DatabaseMode = 'postgres' | 'embedded' | 'pglite';

export interface SystemOptions {
  database: DatabaseMode;
  /** PostgreSQL server for --database postgres; the bench drops and creates its own databases. */
  postgresUrl: string;
  /** An external Kafka cluster; without it the launcher starts the embedded broker. */
  kafkaBrokers: string | undefined;
  dataDir: string;
  logFile: string;
  /** The checkout whose launcher and services run (default: this one). */
  root?: string;
  env: Record<string, string>;
}

/**
 * The whole system as `npm start` runs it (the launcher, its broker and four services), started
 * by the bench so that each run begins from empty databases, with its log in a file.
 */
export class SystemUnderTest {
  private launcher: ChildProcess | null = null;

  constructor(private readonly options: SystemOptions) {}

  get kafkaBrokers(): string {
    return this.options.kafkaBrokers ?? '127.0.0.1:9092';
  }

  async start(): Promise<void> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...this.options.env,
      DATA_DIR: this.options.dataDir,
      NO_COLOR: '1',
    };
    if (this.options.kafkaBrokers) env.KAFKA_BROKERS = this.options.kafkaBrokers;
    if (this.options.database === 'postgres') {
      for (const [service, url] of Object.entries(await freshDatabases(this.options.postgresUrl))) {
        env[`${service.toUpperCase()}_DATABASE_URL`] = url;
      }
    }
    const log = createWriteStream(this.options.logFile);
    // An earlier checkout (--baseline) predates --database: PGlite was its default.
    const args =
      this.options.database === 'pglite' && !this.options.root ? ['--database', 'pglite'] : [];
    const launcher = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/launcher/src/main.ts', ...args],
      {
        cwd: this.options.root ?? REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.launcher = launcher;
    launcher.stdout?.pipe(log);
    launcher.stderr?.pipe(log);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`not ready after ${READY_TIMEOUT_MS} ms; see ${this.options.logFile}`)),
        READY_TIMEOUT_MS,
      );
      let seen = '';
      launcher.stdout?.on('data', (chunk: Buffer) => {
        seen = (seen + chunk.toString()).slice(-4096);
        if (seen.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      });
      launcher.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new Error(
            `the launcher exited (code ${code}) before the system was ready; see ${this.options.logFile}`,
          ),
        );
      });
    });
  }

  /** The launcher's children (broker, services, the console) by name, with what /proc says of each. */
  processes(): Record<string, ProcessSample> {
    const pid = this.launcher?.pid;
    if (!pid) return {};
    const result: Record<string, ProcessSample> = { launcher: sampleProcess(pid) };
    for (const child of childPids(pid)) {
      const command = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ');
      const app = /apps\/([a-z0-9-]+)\//.exec(command)?.[1];
      const name =
        app ??
        (command.includes('broker')
          ? 'broker'
          : command.includes('postgres-main')
            ? 'postgres owner'
            : `pid-${child}`);
      try {
        result[name] = sampleProcess(child);
      } catch {
        // Exited while sampled.
      }
    }
    if (this.options.database === 'postgres') {
      // A shared server: only the backends serving the bench's databases are this system's.
      result.postgres = postgresServerSample((command) => command.includes(' fanout_bench_'));
    } else if (this.options.database === 'embedded') {
      result.postgres = postgresServerSample();
    }
    const self = process.cpuUsage();
    result['load generator'] = {
      cpuSeconds: (self.user + self.system) / 1e6,
      rssBytes: process.memoryUsage.rss(),
      peakRssBytes: Number.NaN,
    };
    return result;
  }

  async stop(): Promise<void> {
    const launcher = this.launcher;
    if (!launcher || launcher.exitCode !== null) return;
    const exited = new Promise((resolve) => launcher.once('exit', resolve));
    launcher.kill('SIGINT');
    await exited;
  }
}

/**
 * The PostgreSQL server's CPU: its processes summed, or those whose title (`postgres: 15/main:
 * user database client state`) `include` accepts. On a shared server other work (test suites)
 * runs too: counting every process made its CPU the bench's. A backend that exits between two
 * samples takes its CPU with it; the services' pools and the relay's connection live as long as
 * the run. RSS is left out: summing shared buffers would count them once per backend.
 */
function postgresServerSample(include: (command: string) => boolean = () => true): ProcessSample {
  let cpuSeconds = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      if (!include(readFileSync(`/proc/${entry}/cmdline`, 'utf8'))) continue;
      cpuSeconds += sampleProcess(Number(entry)).cpuSeconds;
    } catch {
      // Exited while sampled.
    }
  }
  return { cpuSeconds, rssBytes: 0, peakRssBytes: 0 };
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** One empty database per service (fanout_bench_<service>) on the server, so runs compare alike. */
async function freshDatabases(serverUrl: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const urls: Record<string, string> = {};
    for (const service of SERVICES) {
      const database = `fanout_bench_${service}`;
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${database}"`);
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;
      urls[service] = url.toString();
    }
    return urls;
  } finally {
    await client.end();
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { ConsumerStatusSnapshot } from '@fanout/messaging';

const REPO_ROOT = resolve(__dirname, '../../../..');
const STOP_GRACE_MS = 15_000;

export interface ReplicaOptions {
  service: string;
  instanceId: string;
  /** Variables on top of this process's environment (KAFKA_BROKERS, the database URL, ...). */
  env: Record<string, string>;
  logFile: string;
}

/**
 * One instance of a service, started as its container starts it
 * (`node -r @swc-node/register apps/<service>/src/main.ts`) on a free port, logging to a file.
 */
export class ServiceReplica {
  private readonly exited: Promise<void>;

  private constructor(
    readonly instanceId: string,
    readonly port: number,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  static async start(options: ReplicaOptions): Promise<ServiceReplica> {
    const port = await freePort();
    // NODE_OPTIONS carries Jest's --experimental-vm-modules, which the service does not need.
    const { NODE_OPTIONS: _parentOnly, ...inherited } = process.env;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', `apps/${options.service}/src/main.ts`],
      {
        cwd: REPO_ROOT,
        env: {
          ...inherited,
          LOG_LEVEL: 'warn',
          ...options.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          INSTANCE_ID: options.instanceId,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const log = createWriteStream(options.logFile);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once('exit', () => log.end());
    return new ServiceReplica(options.instanceId, port, options.logFile, child);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once GET /health answers 200; rejects if the process dies or time runs out. */
  async waitHealthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.instanceId} exited:\n${this.logTail()}`);
      const healthy = await fetch(`http://127.0.0.1:${this.port}/health`, {
        signal: AbortSignal.timeout(2_000),
      }).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      await delay(250);
    }
    throw new Error(`${this.instanceId} not healthy after ${timeoutMs} ms:\n${this.logTail()}`);
  }

  async status(): Promise<ConsumerStatusSnapshot> {
    const response = await fetch(`http://127.0.0.1:${this.port}/status`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`${this.instanceId}: GET /status ${response.status}`);
    return (await response.json()) as ConsumerStatusSnapshot;
  }

  /** SIGKILL: the process vanishes without leaving its consumer group, as in a node crash. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, as an orchestrator stops a container; SIGKILL if it has not exited in time. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

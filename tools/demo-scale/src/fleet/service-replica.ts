import { createServer } from 'node:net';
import type { ConsumerStatusSnapshot } from '@fanout/messaging';
import { NodeProcess } from '@fanout/node-process';

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
  private constructor(
    readonly instanceId: string,
    readonly port: number,
    private readonly child: NodeProcess,
  ) {}

  static async start(options: ReplicaOptions): Promise<ServiceReplica> {
    const port = await freePort();
    const replica = new NodeProcess(
      options.instanceId,
      `apps/${options.service}/src/main.ts`,
      [],
      {
        LOG_LEVEL: 'warn',
        ...options.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        INSTANCE_ID: options.instanceId,
      },
      options.logFile,
      { stopGraceMs: 15_000 },
    );
    replica.start();
    return new ServiceReplica(options.instanceId, port, replica);
  }

  get running(): boolean {
    return this.child.running;
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

  /** GET /status, with an operator's Authorization header. */
  async status(operator: Record<string, string>): Promise<ConsumerStatusSnapshot> {
    const response = await fetch(`http://127.0.0.1:${this.port}/status`, {
      headers: operator,
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`${this.instanceId}: GET /status ${response.status}`);
    return (await response.json()) as ConsumerStatusSnapshot;
  }

  /** SIGKILL: the process vanishes without leaving its consumer group, as in a node crash. */
  kill(): Promise<void> {
    return this.child.kill();
  }

  /** SIGTERM, as an orchestrator stops a container; SIGKILL if it has not exited in time. */
  stop(): Promise<void> {
    return this.child.stop();
  }

  logTail(lines = 20): string {
    return this.child.logTail(lines);
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

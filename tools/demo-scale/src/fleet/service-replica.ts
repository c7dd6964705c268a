import type { ConsumerStatusSnapshot } from '@fanout/messaging';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import { waitUntilHealthy } from '@fanout/testing';

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
    const port = await findFreePort();
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
  waitHealthy(timeoutMs = 90_000): Promise<void> {
    return waitUntilHealthy(this.child, `http://127.0.0.1:${this.port}/health`, timeoutMs);
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

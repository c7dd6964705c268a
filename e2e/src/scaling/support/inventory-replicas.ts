import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ConsumerStatusSnapshot } from '@fanout/messaging';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import type { FanoutSystem } from '../../support/fanout-system';
import { kafkaEnv } from '../../support/kafka-clients';
import { waitUntilHealthy } from '@fanout/testing';

const START_TIMEOUT_MS = 180_000;

/** One more instance of inventory: its own process and port, the same group and database. */
export interface InventoryReplica {
  readonly instanceId: string;
  readonly url: string;
  readonly process: NodeProcess;
}

/**
 * Extra inventory instances next to the system's own, as `docker compose up --scale inventory=3`
 * or a Deployment's replicas run them: the same consumer group (`inventory`), the same database,
 * and each its own INSTANCE_ID and Kafka client id, so the group coordinator tells them apart.
 */
export class InventoryReplicas {
  private readonly replicas: InventoryReplica[] = [];
  private readonly logDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-scaling-'));

  constructor(private readonly system: FanoutSystem) {}

  get running(): InventoryReplica[] {
    return this.replicas.filter((replica) => replica.process.running);
  }

  /** Starts `count` more instances together and waits until each is healthy. */
  async add(count: number): Promise<InventoryReplica[]> {
    const added: InventoryReplica[] = [];
    for (let i = 0; i < count; i++) {
      const instanceId = `inventory-replica-${this.replicas.length + 1}`;
      const port = await findFreePort();
      const process = new NodeProcess(
        instanceId,
        'apps/inventory/src/main.ts',
        [],
        {
          PORT: String(port),
          HOST: '127.0.0.1',
          ...kafkaEnv(this.system, 'inventory'),
          KAFKA_CLIENT_ID: instanceId,
          INSTANCE_ID: instanceId,
          INVENTORY_DATABASE_URL: this.system.databaseUrl('inventory'),
          LOG_LEVEL: 'info',
          // As the system's own inventory (FAILURE_SCENARIOS): the group has one session timeout.
          KAFKA_SESSION_TIMEOUT_MS: '6000',
          ...this.system.issuer.env,
        },
        path.join(this.logDir, `${instanceId}.log`),
      );
      const replica = { instanceId, url: `http://127.0.0.1:${port}`, process };
      this.replicas.push(replica);
      added.push(replica);
      process.start();
    }
    await Promise.all(
      added.map((replica) =>
        waitUntilHealthy(replica.process, `${replica.url}/health`, START_TIMEOUT_MS),
      ),
    );
    return added;
  }

  /** SIGTERM to every running replica: each leaves the group politely, as a scale-down does. */
  async removeAll(): Promise<void> {
    await Promise.all(this.running.map((replica) => replica.process.stop()));
  }

  async stop(): Promise<void> {
    await this.removeAll();
    rmSync(this.logDir, { recursive: true, force: true });
  }
}

/** What one instance's consumer has handled so far (GET /status, with an operator's headers). */
export async function consumerStatus(
  url: string,
  operator: Record<string, string>,
): Promise<ConsumerStatusSnapshot> {
  const response = await fetch(`${url}/status`, {
    headers: operator,
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`GET ${url}/status answered ${response.status}`);
  return (await response.json()) as ConsumerStatusSnapshot;
}

import { join } from 'node:path';
import { Client } from 'pg';
import type { TestIssuer } from '@fanout/auth';
import { TOPIC_PARTITIONS, Topics } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { checkAssignment, type GroupAssignment } from '../assignment/partition-assignment';
import { ServiceReplica } from './service-replica';

export interface FleetOptions {
  brokers: string;
  databaseUrl: string;
  /** Simulated work per event (INVENTORY_WORK_MS). */
  workMs: number;
  logDir: string;
  /** The replicas trust its tokens; the fleet reads their /status as an operator. */
  issuer: TestIssuer;
}

/**
 * Replicas of the inventory service in one consumer group (`inventory`), sharing one database, as
 * `docker compose up --scale inventory=N` or a Deployment with N replicas runs them.
 */
export class InventoryFleet {
  readonly replicas: ServiceReplica[] = [];
  private started = 0;

  constructor(private readonly options: FleetOptions) {}

  /**
   * The first replica alone runs the migrations and seeds the catalogue on the empty database;
   * the others then start together.
   */
  async scaleTo(count: number): Promise<void> {
    if (this.replicas.length === 0 && count > 0) await this.startReplicas(1);
    await this.startReplicas(count - this.running().length);
  }

  running(): ServiceReplica[] {
    return this.replicas.filter((replica) => replica.running);
  }

  /** The partitions of `orders` each running replica holds, by instance id. */
  async assignment(): Promise<GroupAssignment> {
    const operator = await this.operatorHeaders();
    const statuses = await Promise.all(this.running().map((replica) => replica.status(operator)));
    return Object.fromEntries(
      statuses.map((status) => [status.instanceId, status.assignedPartitions[Topics.orders] ?? []]),
    );
  }

  /**
   * Waits until the group has settled: every partition held by exactly one running replica, each
   * replica holding some, unchanged over two polls. Returns it and how long it took.
   */
  async settledAssignment(timeoutMs: number): Promise<{ assignment: GroupAssignment; ms: number }> {
    const started = Date.now();
    let previous = '';
    const assignment = await eventually(
      async () => {
        const assignment = await this.assignment();
        const everyoneBusy = Object.values(assignment).every((partitions) => partitions.length > 0);
        const settled = checkAssignment(assignment, TOPIC_PARTITIONS).complete && everyoneBusy;
        const snapshot = JSON.stringify(assignment);
        const unchanged = settled && snapshot === previous;
        previous = settled ? snapshot : '';
        return unchanged && assignment;
      },
      { timeoutMs, intervalMs: 500, description: 'the group settled' },
    ).catch((error: Error) => {
      throw new Error(`${error.message} (last seen: ${previous || 'incomplete'})`, {
        cause: error,
      });
    });
    return { assignment, ms: Date.now() - started };
  }

  /** Events the running replicas handled (processed, not duplicates or skips). */
  async processed(): Promise<number> {
    const operator = await this.operatorHeaders();
    const statuses = await Promise.all(this.running().map((replica) => replica.status(operator)));
    return statuses.reduce((sum, status) => sum + status.events.processed, 0);
  }

  /** Order ids with a reservation in inventory's database, and how many rows. */
  async reservations(): Promise<{ orders: Set<string>; rows: number }> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    await client.connect();
    try {
      const result = await client.query<{ order_id: string }>('SELECT order_id FROM reservations');
      return {
        orders: new Set(result.rows.map((row) => row.order_id)),
        rows: result.rowCount ?? 0,
      };
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.stop()));
  }

  private async operatorHeaders(): Promise<Record<string, string>> {
    return this.options.issuer.headersFor(await this.options.issuer.operatorToken());
  }

  private async startReplicas(count: number): Promise<void> {
    const replicas = await Promise.all(
      Array.from({ length: Math.max(0, count) }, () => {
        this.started += 1;
        const instanceId = `inventory-${this.started}`;
        return ServiceReplica.start({
          service: 'inventory',
          instanceId,
          logFile: join(this.options.logDir, `${instanceId}.log`),
          env: {
            KAFKA_BROKERS: this.options.brokers,
            INVENTORY_DATABASE_URL: this.options.databaseUrl,
            INVENTORY_WORK_MS: String(this.options.workMs),
            ...this.options.issuer.env,
          },
        });
      }),
    );
    this.replicas.push(...replicas);
    await Promise.all(replicas.map((replica) => replica.waitHealthy()));
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import {
  createTemporaryDatabase,
  eventually,
  type TemporaryDatabase,
  waitUntilHealthy,
} from '@fanout/testing';
import { kafkaEnv } from '../support/kafka-clients';
import type { FanoutSystem } from '../support/fanout-system';

/** GET /stats, as far as these tests read it (apps/analytics/src/analytics/stats.service.ts). */
export interface AnalyticsStats {
  orders: {
    total: number;
    byStatus: Record<string, number>;
    cancelledByReason: Record<string, number>;
  };
  revenueCents: number;
  unitsSoldBySku: Record<string, number>;
  payments: { declined: number; refunded: number };
  stock: { rejectedOrders: number; shortagesBySku: Record<string, number> };
  notificationsSent: number;
  timeToFinalStatus: { count: number; p50Ms: number | null; p95Ms: number | null };
  eventsApplied: number;
}

const HEALTH_TIMEOUT_MS = 120_000;

/**
 * The analytics service as its own process beside a running FanoutSystem, started when a test
 * says so (the system's four services do not include it): on its own principal and database, as
 * `npm start` runs it. Stopped, its database and consumer group stay, as after a deployment.
 */
export class AnalyticsService {
  private readonly process: NodeProcess;

  private constructor(
    private readonly workDir: string,
    private readonly database: TemporaryDatabase,
    private readonly system: FanoutSystem,
    readonly url: string,
    port: number,
  ) {
    this.process = new NodeProcess(
      'analytics',
      'apps/analytics/src/main.ts',
      [],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        ...kafkaEnv(system, 'analytics'),
        INSTANCE_ID: 'analytics-e2e',
        DATA_DIR: path.join(workDir, 'data'),
        LOG_LEVEL: 'info',
        ANALYTICS_DATABASE_URL: database.url,
        ...system.issuer.env,
      },
      path.join(workDir, 'analytics.log'),
    );
  }

  /** Prepared (a port, a database), not started. */
  static async create(system: FanoutSystem): Promise<AnalyticsService> {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-analytics-'));
    const database = await createTemporaryDatabase(undefined, { label: 'e2e_analytics' });
    const port = await findFreePort();
    return new AnalyticsService(workDir, database, system, `http://127.0.0.1:${port}`, port);
  }

  async start(): Promise<void> {
    this.process.start();
    await waitUntilHealthy(this.process, `${this.url}/health`, HEALTH_TIMEOUT_MS);
  }

  /** SIGTERM: the consumer leaves its group cleanly, so the group can be reset. */
  stop(): Promise<void> {
    return this.process.stop();
  }

  async stats(): Promise<AnalyticsStats> {
    const response = await fetch(`${this.url}/stats`, {
      headers: await this.system.api.operatorHeaders(),
    });
    if (response.status !== 200) throw new Error(`GET /stats: ${response.status}`);
    return (await response.json()) as AnalyticsStats;
  }

  /** The figures once `check` holds for them (the projection catches up asynchronously). */
  statsWhen(
    check: (stats: AnalyticsStats) => boolean,
    description: string,
  ): Promise<AnalyticsStats> {
    return eventually(
      async () => {
        const stats = await this.stats();
        return check(stats) && stats;
      },
      {
        timeoutMs: 120_000,
        description,
        giveUpIf: () => (this.process.running ? undefined : 'analytics exited'),
      },
    );
  }

  /** When analytics' inbox recorded its oldest event: a rebuild records every event anew. */
  async oldestProcessedAt(): Promise<Date | null> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ oldest: Date | null }>(
        'SELECT min(processed_at) AS oldest FROM processed_events',
      );
      return rows[0]?.oldest ?? null;
    } finally {
      await client.end();
    }
  }

  async dispose(): Promise<void> {
    await this.process.stop();
    await this.database.drop();
    if (process.env['KEEP_E2E_LOGS']) {
      process.stdout.write(`analytics' log is kept in ${this.workDir}\n`);
    } else {
      rmSync(this.workDir, { recursive: true, force: true });
    }
  }
}

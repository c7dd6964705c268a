import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createTestIssuer, type TestIssuer } from '@fanout/auth';
import type { KafkaAuth } from '@fanout/kafka-runner';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import { createTemporaryDatabase, type TemporaryDatabase, waitUntilHealthy } from '@fanout/testing';
import { FanoutApi } from './fanout-api';
import { kafkaEnv } from './kafka-clients';
import { createTestBroker, type TestBroker } from './test-broker';

export const SERVICES = ['orders', 'payments', 'inventory', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** postgres: a fresh database per service on the test server; pglite: embedded, in a temp dir. */
export type DatabaseMode = 'postgres' | 'pglite';

export interface FanoutSystemOptions {
  /** postgres by default. */
  database?: DatabaseMode;
  /**
   * The services' Kafka session timeout (KAFKA_SESSION_TIMEOUT_MS); the services' default when
   * unset. Scenarios that SIGKILL a service set it short: a killed member holds its partitions
   * until its session expires.
   */
  kafkaSessionTimeoutMs?: number;
}

/** The options of the failure scenarios (services killed, the broker stopped). */
export const FAILURE_SCENARIOS: FanoutSystemOptions = { kafkaSessionTimeoutMs: 6_000 };

// PGlite creates its database files on first start: four of them at once take a while on 2 cores.
const HEALTH_TIMEOUT_MS = 200_000;

/**
 * Fanout for real, the one way the end-to-end tests start it: the broker E2E_BROKER names
 * (test-broker.ts: the embedded one or Apache Kafka, each in its own process, with SASL and ACLs
 * as `npm start` runs them) and each service as its own process over TCP on its own principal,
 * on its own database. A scenario can kill, stop and start a service or the broker again (the
 * broker comes back on the same port and data directory, as a broker that was down for a while
 * would) and query a service's database to count effects. Test clients are the operator or a
 * service (kafka-clients.ts).
 */
export class FanoutSystem {
  readonly api: FanoutApi;
  /** The broker's principals (the same after a broker restart: its data directory keeps them). */
  readonly kafkaAuth: KafkaAuth;
  readonly kafkaBrokers: string;
  private readonly pools: Partial<Record<ServiceName, Pool>>;

  private constructor(
    private readonly workDir: string,
    readonly urls: Readonly<Record<ServiceName, string>>,
    private readonly broker: TestBroker,
    private readonly services: Record<ServiceName, NodeProcess>,
    private readonly databases: Partial<Record<ServiceName, TemporaryDatabase>>,
    /** The issuer the services trust (its env is in each service's): tokens for customers and operators. */
    readonly issuer: TestIssuer,
  ) {
    this.api = new FanoutApi(this);
    this.kafkaAuth = broker.auth;
    this.kafkaBrokers = broker.brokers;
    this.pools = Object.fromEntries(
      Object.entries(databases).map(([name, database]) => [
        name,
        new Pool({ connectionString: database.url, max: 2 }),
      ]),
    );
  }

  /** Starts it and waits until every service's /health answers 200. */
  static async start(options: FanoutSystemOptions = {}): Promise<FanoutSystem> {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-e2e-'));
    const broker = await createTestBroker(workDir);
    const access = { kafkaBrokers: broker.brokers, kafkaAuth: broker.auth };
    const urls = {} as Record<ServiceName, string>;
    const services = {} as Record<ServiceName, NodeProcess>;
    const databases: Partial<Record<ServiceName, TemporaryDatabase>> = {};
    const issuer = await createTestIssuer();
    for (const name of SERVICES) {
      const port = await findFreePort();
      const env: Record<string, string> = {
        PORT: String(port),
        HOST: '127.0.0.1',
        ...kafkaEnv(access, name),
        INSTANCE_ID: `${name}-e2e`,
        DATA_DIR: path.join(workDir, 'data'),
        LOG_LEVEL: 'info',
        ...issuer.env,
      };
      if (options.kafkaSessionTimeoutMs !== undefined) {
        env['KAFKA_SESSION_TIMEOUT_MS'] = String(options.kafkaSessionTimeoutMs);
      }
      if ((options.database ?? 'postgres') === 'postgres') {
        const database = await createTemporaryDatabase(undefined, { label: `e2e_${name}` });
        databases[name] = database;
        env[`${name.toUpperCase()}_DATABASE_URL`] = database.url;
      }
      urls[name] = `http://127.0.0.1:${port}`;
      services[name] = new NodeProcess(
        name,
        `apps/${name}/src/main.ts`,
        [],
        env,
        path.join(workDir, `${name}.log`),
      );
    }
    const system = new FanoutSystem(workDir, urls, broker, services, databases, issuer);
    try {
      await system.startBroker();
      for (const name of SERVICES) services[name].start();
      await Promise.all(SERVICES.map((name) => system.waitUntilHealthy(name)));
      return system;
    } catch (error) {
      await system.stop();
      throw error;
    }
  }

  /** The connection string of one service's database (for more instances of that service). */
  databaseUrl(name: ServiceName): string {
    return this.database(name).url;
  }

  service(name: ServiceName): NodeProcess {
    return this.services[name];
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  kill(name: ServiceName): Promise<void> {
    return this.services[name].kill();
  }

  /** Starts a stopped service without waiting for it (a restart loop under load). */
  launch(name: ServiceName): void {
    this.services[name].start();
  }

  async restart(name: ServiceName): Promise<void> {
    if (!this.services[name].running) this.services[name].start();
    await this.waitUntilHealthy(name);
  }

  async stopBroker(): Promise<void> {
    await this.broker.stop();
  }

  /** Starts the broker again (same port, same data) and waits until clients can use it. */
  startBroker(): Promise<void> {
    return this.broker.start();
  }

  /** A query against one service's own database. */
  async query<Row = Record<string, unknown>>(
    name: ServiceName,
    sql: string,
    params: unknown[] = [],
  ): Promise<Row[]> {
    const pool = this.pools[name];
    if (!pool) throw new Error(`${name} has no PostgreSQL database (started with pglite)`);
    const result = await pool.query(sql, params);
    return result.rows as Row[];
  }

  waitUntilHealthy(name: ServiceName, timeoutMs = HEALTH_TIMEOUT_MS): Promise<void> {
    return waitUntilHealthy(this.services[name], `${this.urls[name]}/health`, timeoutMs);
  }

  async stop(): Promise<void> {
    await Promise.all(SERVICES.map((name) => this.services[name].stop()));
    await this.broker.stop();
    await Promise.all(Object.values(this.pools).map((pool) => pool.end()));
    await Promise.all(Object.values(this.databases).map((database) => database.drop()));
    await this.issuer.dispose();
    if (process.env['KEEP_E2E_LOGS']) {
      process.stdout.write(`the e2e system's logs are kept in ${this.workDir}\n`);
    } else {
      rmSync(this.workDir, { recursive: true, force: true });
    }
  }

  private database(name: ServiceName): TemporaryDatabase {
    const database = this.databases[name];
    if (!database) throw new Error(`${name} has no PostgreSQL database (started with pglite)`);
    return database;
  }
}

/** FanoutSystem.start, for a spec's beforeAll. */
export function startFanoutSystem(options: FanoutSystemOptions = {}): Promise<FanoutSystem> {
  return FanoutSystem.start(options);
}

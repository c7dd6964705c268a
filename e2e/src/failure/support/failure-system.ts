import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createTestIssuer, type TestIssuer } from '@fanout/auth';
import type { KafkaAuth } from '@fanout/kafka-runner';
import { FanoutApi } from '../../support/fanout-api';
import { SERVICES, type ServiceName } from '../../support/fanout-system';
import { createServiceDatabase, type ServiceDatabase } from '../../support/service-database';
import { kafkaEnv } from '../../support/kafka-clients';
import { createTestBroker, type TestBroker } from '../../support/test-broker';
import { waitUntilHealthy } from '@fanout/testing';
import { findFreePort, NodeProcess } from '@fanout/node-process';

const START_TIMEOUT_MS = 180_000;

/**
 * Fanout for failure testing: the broker and each service as separate processes that a scenario
 * can kill, stop and start again, each service on its own PostgreSQL database (which the scenario
 * can query to count effects). The broker restarts on the same port and data directory, as a
 * broker that was down for a while would. It authenticates and authorizes as `npm start`'s does:
 * each service on its own principal, test clients as the operator or a service (kafka-clients.ts).
 */
export class FailureSystem {
  readonly api: FanoutApi;
  /** The broker's principals (the same after a broker restart: its data directory keeps them). */
  readonly kafkaAuth: KafkaAuth;
  private readonly pools: Record<ServiceName, Pool>;

  private constructor(
    private readonly workDir: string,
    readonly kafkaBrokers: string,
    readonly urls: Record<ServiceName, string>,
    private readonly broker: TestBroker,
    private readonly services: Record<ServiceName, NodeProcess>,
    private readonly databases: Record<ServiceName, ServiceDatabase>,
    /** The issuer the services trust (its env is in each service's). */
    readonly issuer: TestIssuer,
  ) {
    this.api = new FanoutApi(this);
    this.kafkaAuth = broker.auth;
    this.pools = Object.fromEntries(
      SERVICES.map((name) => [name, new Pool({ connectionString: databases[name].url, max: 2 })]),
    ) as Record<ServiceName, Pool>;
  }

  static async start(): Promise<FailureSystem> {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-failure-'));
    const broker = await createTestBroker(workDir);
    const kafkaBrokers = broker.brokers;
    const access = { kafkaBrokers, kafkaAuth: broker.auth };
    const urls = {} as Record<ServiceName, string>;
    const services = {} as Record<ServiceName, NodeProcess>;
    const databases = {} as Record<ServiceName, ServiceDatabase>;
    const issuer = await createTestIssuer();
    for (const name of SERVICES) {
      const port = await findFreePort();
      databases[name] = await createServiceDatabase(name);
      urls[name] = `http://127.0.0.1:${port}`;
      services[name] = new NodeProcess(
        name,
        `apps/${name}/src/main.ts`,
        [],
        {
          PORT: String(port),
          HOST: '127.0.0.1',
          ...kafkaEnv(access, name),
          INSTANCE_ID: `${name}-failure`,
          [`${name.toUpperCase()}_DATABASE_URL`]: databases[name].url,
          LOG_LEVEL: 'info',
          // A SIGKILLed member holds its partitions until its session expires: keep that short.
          KAFKA_SESSION_TIMEOUT_MS: '6000',
          ...issuer.env,
        },
        path.join(workDir, `${name}.log`),
      );
    }
    const system = new FailureSystem(
      workDir,
      kafkaBrokers,
      urls,
      broker,
      services,
      databases,
      issuer,
    );
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
    return this.databases[name].url;
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
    const result = await this.pools[name].query(sql, params);
    return result.rows as Row[];
  }

  waitUntilHealthy(name: ServiceName, timeoutMs = START_TIMEOUT_MS): Promise<void> {
    return waitUntilHealthy(this.services[name], `${this.urls[name]}/health`, timeoutMs);
  }

  async stop(): Promise<void> {
    await Promise.all(SERVICES.map((name) => this.services[name].stop()));
    await this.broker.stop();
    await Promise.all(Object.values(this.pools).map((pool) => pool.end()));
    await Promise.all(SERVICES.map((name) => this.databases[name]?.drop()));
    await this.issuer.dispose();
    if (process.env['KEEP_FAILURE_LOGS']) {
      process.stdout.write(`failure-system logs kept in ${this.workDir}\n`);
    } else {
      rmSync(this.workDir, { recursive: true, force: true });
    }
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestIssuer, type TestIssuer } from '@fanout/auth';
import { startBroker, type RunningBroker } from '@fanout/broker';
import { createServiceDatabase, type ServiceDatabase } from './service-database';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import { brokerKind, createTestBroker } from './test-broker';
import { waitUntilHealthy } from './wait-until-healthy';

export const SERVICES = ['orders', 'payments', 'inventory', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** postgres: a fresh database per service on the local server; pglite: embedded, in a temp dir. */
export type DatabaseMode = 'postgres' | 'pglite';

export interface FanoutSystem {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly kafkaBrokers: string;
  /** The issuer the services trust: tokens for customers and operators. */
  readonly issuer: TestIssuer;
  stop(): Promise<void>;
}

// PGlite creates its database files on first start: four of them at once take a while on 2 cores.
const HEALTH_TIMEOUT_MS = 200_000;

/** The broker a system runs on: stopped with it. */
interface SystemBroker {
  readonly brokers: string;
  close(): Promise<void>;
}

/**
 * The embedded broker in this process, or with E2E_BROKER=apache Apache Kafka in its own
 * (tools/kafka), with Fanout's topics.
 */
async function startSystemBroker(workDir: string): Promise<SystemBroker> {
  if (brokerKind() === 'embedded') {
    const broker: RunningBroker = await startBroker({
      port: 0,
      dataDir: path.join(workDir, 'broker'),
      logLevel: 'warn',
    });
    return { brokers: broker.brokers, close: () => broker.close() };
  }
  const broker = await createTestBroker(workDir);
  await broker.start();
  return { brokers: broker.brokers, close: () => broker.stop() };
}

/**
 * Starts Fanout for real: the broker (see startSystemBroker) and each service as its own
 * process over TCP, then waits until every /health answers 200.
 */
export async function startFanoutSystem(options: {
  database: DatabaseMode;
}): Promise<FanoutSystem> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-e2e-'));
  const databases: ServiceDatabase[] = [];
  const services: NodeProcess[] = [];
  let broker: SystemBroker | undefined;
  const issuer = await createTestIssuer();

  const stop = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await broker?.close();
    await Promise.all(databases.map((database) => database.drop()));
    await issuer.dispose();
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    broker = await startSystemBroker(workDir);
    const urls = {} as Record<ServiceName, string>;
    for (const name of SERVICES) {
      const port = await findFreePort();
      const env: Record<string, string> = {
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS: broker.brokers,
        INSTANCE_ID: `${name}-e2e`,
        DATA_DIR: path.join(workDir, 'data'),
        LOG_LEVEL: 'info',
        ...issuer.env,
      };
      if (options.database === 'postgres') {
        const database = await createServiceDatabase(name);
        databases.push(database);
        env[`${name.toUpperCase()}_DATABASE_URL`] = database.url;
      }
      const service = new NodeProcess(
        name,
        `apps/${name}/src/main.ts`,
        [],
        env,
        path.join(workDir, `${name}.log`),
      );
      service.start();
      services.push(service);
      urls[name] = `http://127.0.0.1:${port}`;
    }
    await Promise.all(
      services.map((service) =>
        waitUntilHealthy(service, `${urls[service.name as ServiceName]}/health`, HEALTH_TIMEOUT_MS),
      ),
    );
    return { urls, kafkaBrokers: broker.brokers, issuer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

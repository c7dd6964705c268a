import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestIssuer, type TestIssuer } from '@fanout/auth';
import type { KafkaAuth } from '@fanout/kafka-runner';
import { createServiceDatabase, type ServiceDatabase } from './service-database';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import { kafkaEnv } from './kafka-clients';
import { createTestBroker, type TestBroker } from './test-broker';
import { waitUntilHealthy } from '@fanout/testing';

export const SERVICES = ['orders', 'payments', 'inventory', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** postgres: a fresh database per service on the local server; pglite: embedded, in a temp dir. */
export type DatabaseMode = 'postgres' | 'pglite';

export interface FanoutSystem {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly kafkaBrokers: string;
  /** The broker's principals: test clients use the operator's or a service's (kafka-clients.ts). */
  readonly kafkaAuth: KafkaAuth;
  /** The issuer the services trust: tokens for customers and operators. */
  readonly issuer: TestIssuer;
  stop(): Promise<void>;
}

// PGlite creates its database files on first start: four of them at once take a while on 2 cores.
const HEALTH_TIMEOUT_MS = 200_000;

/**
 * Starts Fanout for real: the broker E2E_BROKER names (test-broker.ts: the embedded one or
 * Apache Kafka, each in its own process, with SASL and ACLs as `npm start` runs them) and each
 * service as its own process over TCP on its own principal, then waits until every /health
 * answers 200.
 */
export async function startFanoutSystem(options: {
  database: DatabaseMode;
}): Promise<FanoutSystem> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-e2e-'));
  const databases: ServiceDatabase[] = [];
  const services: NodeProcess[] = [];
  let broker: TestBroker | undefined;
  const issuer = await createTestIssuer();

  const stop = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await broker?.stop();
    await Promise.all(databases.map((database) => database.drop()));
    await issuer.dispose();
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    broker = await createTestBroker(workDir);
    await broker.start();
    const access = { kafkaBrokers: broker.brokers, kafkaAuth: broker.auth };
    const urls = {} as Record<ServiceName, string>;
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
    return { urls, ...access, issuer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestIssuer, type TestIssuer } from '@fanout/auth';
import { createTemporaryDatabase, startTestKafka } from '@fanout/testing';

export interface ScalingEnvironment {
  /** The embedded broker's `host:port`. */
  brokers: string;
  /** A fresh, empty PostgreSQL database for inventory. */
  databaseUrl: string;
  /** Where the replicas' logs go (kept when `keepLogs` is set, for a look afterwards). */
  logDir: string;
  /** The issuer whose tokens the replicas trust (GET /status is for operators). */
  issuer: TestIssuer;
}

/**
 * A clean slate for one run: an embedded broker on a free port (@fanout/testing's), a log
 * directory, and a new database on the local PostgreSQL (TEST_POSTGRES_URL, default postgres@127.0.0.1:5432).
 * Everything is removed afterwards, whatever happens.
 */
export async function withScalingEnvironment<T>(
  work: (environment: ScalingEnvironment) => Promise<T>,
  { keepLogs = false } = {},
): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'fanout-demo-scale-'));
  const kafka = await startTestKafka();
  const database = await createTemporaryDatabase().catch(async (error: unknown) => {
    await kafka.close();
    throw error;
  });
  const issuer = await createTestIssuer();
  try {
    const brokers = kafka.brokers.join(',');
    return await work({ brokers, databaseUrl: database.url, logDir: root, issuer });
  } finally {
    await kafka.close();
    await database.drop();
    await issuer.dispose();
    if (!keepLogs) rmSync(root, { recursive: true, force: true });
  }
}

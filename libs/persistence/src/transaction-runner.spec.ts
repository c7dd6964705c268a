import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import type { DatabaseLocation } from './database-location';
import { openDataSource } from './open-data-source';
import { createTemporaryDatabase, type TemporaryDatabase } from '@fanout/testing';
import { TransactionRunner } from './transaction-runner';

class CreateCounters1700000000000 implements MigrationInterface {
  name = 'CreateCounters1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE counters (id text PRIMARY KEY, value bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO counters VALUES ('c', 0)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE counters`);
  }
}

/** Read-modify-write with a row lock: loses updates unless transactions really are isolated. */
async function incrementConcurrently(runner: TransactionRunner, times: number): Promise<void> {
  await Promise.all(
    Array.from({ length: times }, () =>
      runner.run(async (tx) => {
        const [row] = await tx.manager.query(
          `SELECT value FROM counters WHERE id = 'c' FOR UPDATE`,
        );
        await new Promise((resolve) => setImmediate(resolve));
        await tx.manager.query(`UPDATE counters SET value = $1 WHERE id = 'c'`, [
          Number(row.value) + 1,
        ]);
      }),
    ),
  );
}

async function counterValue(runner: TransactionRunner): Promise<number> {
  const [row] = await runner.run((tx) => tx.manager.query(`SELECT value FROM counters`));
  return Number(row.value);
}

jest.setTimeout(60_000);

describe.each([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
] as const)('TransactionRunner on %s', (_name, kind) => {
  let dataSource: DataSource;
  let runner: TransactionRunner;
  let database: TemporaryDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    let location: DatabaseLocation;
    if (kind === 'postgres') {
      database = await createTemporaryDatabase();
      location = { kind, url: database.url };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'fanout-pglite-'));
      location = { kind, dataDir };
    }
    dataSource = await openDataSource({
      ...buildDataSourceOptions(location, {
        entities: [],
        migrations: [CreateCounters1700000000000],
      }),
      logging: false,
    });
    runner = new TransactionRunner(dataSource, { serialize: kind === 'pglite' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('ran the migrations at start-up', async () => {
    expect(await counterValue(runner)).toBe(0);
  });

  it('loses no update under concurrent read-modify-write transactions', async () => {
    const before = await counterValue(runner);
    await incrementConcurrently(runner, 20);
    expect(await counterValue(runner)).toBe(before + 20);
  });

  it('runs afterCommit callbacks after a commit and never after a rollback', async () => {
    const calls: string[] = [];
    await runner.run(async (tx) => {
      tx.afterCommit(() => calls.push('committed'));
      expect(calls).toEqual([]);
    });
    await expect(
      runner.run(async (tx) => {
        tx.afterCommit(() => calls.push('rolled back'));
        await tx.manager.query(`UPDATE counters SET value = -1`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(calls).toEqual(['committed']);
    expect(await counterValue(runner)).toBeGreaterThanOrEqual(0);
  });

  it('tells its observer how long each transaction waited to begin and how long it ran', async () => {
    const seen: [number, number][] = [];
    runner.observe((waitSeconds, runSeconds) => seen.push([waitSeconds, runSeconds]));
    await runner.run((tx) => tx.manager.query(`SELECT pg_sleep(0.05)`));
    expect(seen).toHaveLength(1);
    expect(seen[0][0]).toBeGreaterThanOrEqual(0);
    expect(seen[0][1]).toBeGreaterThanOrEqual(0.05);
    runner.observe(() => undefined);
  });

  it('runs beforeCommit callbacks inside the transaction, after the work, and a failing one rolls it back', async () => {
    const before = await counterValue(runner);
    const order: string[] = [];
    await runner.run(async (tx) => {
      tx.beforeCommit(async () => {
        order.push('flush');
        // Still inside the transaction: sees the work's uncommitted write.
        const [row] = await tx.manager.query(`SELECT value FROM counters`);
        order.push(`saw ${row.value}`);
      });
      await tx.manager.query(`UPDATE counters SET value = value + 1`);
      order.push('work done');
    });
    expect(order).toEqual(['work done', 'flush', `saw ${before + 1}`]);

    await expect(
      runner.run(async (tx) => {
        await tx.manager.query(`UPDATE counters SET value = value + 100`);
        tx.beforeCommit(async () => {
          throw new Error('flush failed');
        });
      }),
    ).rejects.toThrow('flush failed');
    expect(await counterValue(runner)).toBe(before + 1);
  });
});

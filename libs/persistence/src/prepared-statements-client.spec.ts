import { DataSource, type QueryRunner } from 'typeorm';
import { createTemporaryDatabase, type TemporaryDatabase } from '@fanout/testing';
import { buildDataSourceOptions } from './data-source-options';
import { MAX_PREPARED_STATEMENTS } from './prepared-statements-client';

jest.setTimeout(60_000);

/** The statements this session has prepared, as the server lists them. */
async function preparedOn(runner: QueryRunner): Promise<string[]> {
  const rows: { statement: string }[] = await runner.query(
    'SELECT statement FROM pg_prepared_statements ORDER BY prepare_time',
  );
  return rows.map((row) => row.statement);
}

describe('prepared statements on pooled PostgreSQL connections', () => {
  let database: TemporaryDatabase;
  const opened: DataSource[] = [];

  async function open(env: Record<string, string> = {}): Promise<QueryRunner> {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const dataSource = new DataSource({
        ...buildDataSourceOptions(
          { kind: 'postgres', url: database.url },
          { entities: [], migrations: [] },
        ),
        logging: false,
      });
      opened.push(await dataSource.initialize());
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      return runner;
    } finally {
      process.env = saved;
    }
  }

  beforeAll(async () => {
    database = await createTemporaryDatabase();
  });

  afterAll(async () => {
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    await database?.drop();
  });

  it('prepares a statement with parameters once per connection and answers each call', async () => {
    const runner = await open();
    const sums: number[] = [];
    for (const n of [1, 2, 3]) {
      const [{ sum }] = (await runner.query('SELECT $1::int + 1 AS sum', [n])) as { sum: number }[];
      sums.push(sum);
    }
    expect(sums).toEqual([2, 3, 4]);
    expect(await preparedOn(runner)).toEqual(['SELECT $1::int + 1 AS sum']);
    await runner.release();
  });

  it('leaves statements without parameters unnamed', async () => {
    const runner = await open();
    await runner.startTransaction();
    await runner.query('SELECT 1');
    await runner.commitTransaction();
    expect(await preparedOn(runner)).toEqual([]);
    await runner.release();
  });

  it('prepares again a statement whose first preparation failed', async () => {
    const runner = await open();
    const insert = 'INSERT INTO later_table (id) VALUES ($1) RETURNING id';
    await expect(runner.query(insert, [1])).rejects.toThrow(/later_table/);
    await runner.query('CREATE TABLE later_table (id int PRIMARY KEY)');
    expect(await runner.query(insert, [1])).toEqual([{ id: 1 }]);
    // A failed execution of a prepared statement leaves it prepared and usable.
    await expect(runner.query(insert, [1])).rejects.toThrow(/duplicate key/);
    expect(await runner.query(insert, [2])).toEqual([{ id: 2 }]);
    expect(await preparedOn(runner)).toEqual([insert]);
    await runner.release();
  });

  it(`stops preparing new statements after ${MAX_PREPARED_STATEMENTS} and still runs them`, async () => {
    const runner = await open();
    const texts = Array.from(
      { length: MAX_PREPARED_STATEMENTS + 5 },
      (_, i) => `SELECT $1::int + ${i} AS n`,
    );
    for (const [i, text] of texts.entries()) {
      expect(await runner.query(text, [1])).toEqual([{ n: 1 + i }]);
    }
    expect(await preparedOn(runner)).toEqual(texts.slice(0, MAX_PREPARED_STATEMENTS));
    await runner.release();
  });

  it('prepares nothing with DATABASE_PREPARED_STATEMENTS=false', async () => {
    const runner = await open({ DATABASE_PREPARED_STATEMENTS: 'false' });
    expect(await runner.query('SELECT $1::int AS n', [7])).toEqual([{ n: 7 }]);
    expect(await preparedOn(runner)).toEqual([]);
    await runner.release();
  });
});

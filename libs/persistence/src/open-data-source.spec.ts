import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { openDataSource } from './open-data-source';
import { createTemporaryDatabase, type TemporaryDatabase } from '@fanout/testing';

jest.setTimeout(60_000);

class CreateSlowly1700000000000 implements MigrationInterface {
  name = 'CreateSlowly1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE things (id int PRIMARY KEY)`);
    // Long enough for the other replicas to arrive while this one migrates.
    await queryRunner.query(`SELECT pg_sleep(0.2)`);
    await queryRunner.query(`INSERT INTO things VALUES (1)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE things`);
  }
}

describe('openDataSource on PostgreSQL', () => {
  let database: TemporaryDatabase;
  const opened: DataSource[] = [];

  beforeAll(async () => {
    database = await createTemporaryDatabase();
  });

  afterAll(async () => {
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    await database?.drop();
  });

  it('lets replicas started together on an empty database migrate one after the other', async () => {
    const options = {
      ...buildDataSourceOptions(
        { kind: 'postgres', url: database.url },
        { entities: [], migrations: [CreateSlowly1700000000000] },
      ),
      logging: false as const,
    };
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => openDataSource(options)));
    for (const result of results) {
      if (result.status === 'fulfilled') opened.push(result.value);
    }
    expect(results.map((result) => result.status)).toEqual(Array(4).fill('fulfilled'));
    const [first] = opened;
    if (!first) throw new Error('no replica started');
    const applied = await first.query(`SELECT count(*)::int AS n FROM migrations`);
    expect(applied).toEqual([{ n: 1 }]);
  });
});

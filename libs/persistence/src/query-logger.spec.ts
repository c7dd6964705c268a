import { Logger, type LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { maskQuotedValue } from './query-logger';
import { createTemporaryDatabase, type TemporaryDatabase } from '@fanout/testing';

jest.setTimeout(30_000);

// Through buildDataSourceOptions, as every service's data source is built; a real PostgreSQL tells
// what its error messages carry.
describe('failed SQL is logged without its parameter values', () => {
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  const logged: unknown[] = [];
  const capture = (...args: unknown[]) => void logged.push(args);
  const logger: LoggerService = { log: capture, error: capture, warn: capture };

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    database = await createTemporaryDatabase();
    dataSource = new DataSource(
      buildDataSourceOptions(
        { kind: 'postgres', url: database.url },
        { entities: [], migrations: [] },
      ),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('logs the SQL text and the error code, not the values', async () => {
    await expect(
      dataSource.query('SELECT $1::uuid AS id, $2::text AS customer', [
        'secret-value',
        'customer-secret',
      ]),
    ).rejects.toThrow(/invalid input syntax for type uuid/);
    const text = JSON.stringify(logged);
    expect(text).toContain('SELECT $1::uuid AS id, $2::text AS customer');
    expect(text).toContain('22P02');
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('customer-secret');
  });

  it('masks the value PostgreSQL quotes at the end of a message', () => {
    expect(maskQuotedValue('invalid input syntax for type uuid: "abc"')).toBe(
      'invalid input syntax for type uuid: "[redacted]"',
    );
    expect(maskQuotedValue('relation "orders" does not exist')).toBe(
      'relation "orders" does not exist',
    );
  });
});

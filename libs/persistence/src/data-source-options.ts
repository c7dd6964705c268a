import { mkdirSync } from 'node:fs';
import { PGliteDriver } from 'typeorm-pglite';
import type { DataSourceOptions, EntitySchema, MigrationInterface } from 'typeorm';
import type { DatabaseLocation } from './database-location';
import { PreparedStatementsClient } from './prepared-statements-client';
import { ParameterFreeQueryLogger } from './query-logger';

export interface DatabaseSchema {
  /** Entity classes (or schemas) of the service. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity type
  entities: (Function | EntitySchema)[];
  /** Migration classes, run at start-up: the schema is never synchronised outside tests. */
  migrations: (new () => MigrationInterface)[];
}

export function buildDataSourceOptions(
  location: DatabaseLocation,
  schema: DatabaseSchema,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: schema.entities,
    migrations: schema.migrations,
    // openDataSource runs them, under a lock, each in its own transaction.
    migrationsRun: false,
    synchronize: false,
    // What is logged is the logger's choice (TypeORM's `logging` option only filters its own
    // loggers): failed queries, warnings and migrations, never parameter values.
    logger: new ParameterFreeQueryLogger(),
  };
  if (location.kind === 'postgres') {
    const client = preparedStatements() ? { Client: PreparedStatementsClient } : {};
    return { ...common, url: location.url, extra: { max: databasePoolSize(), ...client } };
  }
  mkdirSync(location.dataDir, { recursive: true });
  return {
    ...common,
    driver: new PGliteDriver({ dataDir: location.dataDir }).driver,
    // PGlite ships no uuid-ossp; gen_random_uuid() is built into PostgreSQL 13+.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
  };
}

/**
 * Connections per service instance (DATABASE_POOL_SIZE, default 10). Each partition being
 * consumed, the outbox relay and each HTTP request in a transaction hold one while they work.
 */
export function databasePoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const size = Number(env['DATABASE_POOL_SIZE'] ?? 10);
  return Number.isInteger(size) && size > 0 ? size : 10;
}

/**
 * Whether pooled connections prepare their statements (DATABASE_PREPARED_STATEMENTS, default
 * true): false behind a connection pooler that does not keep a session's prepared statements.
 */
export function preparedStatements(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['DATABASE_PREPARED_STATEMENTS'] !== 'false';
}

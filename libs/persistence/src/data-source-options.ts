import { mkdirSync } from 'node:fs';
import { Logger as NestLogger } from '@nestjs/common';
import { PGliteDriver } from 'typeorm-pglite';
import type {
  DataSourceOptions,
  EntitySchema,
  Logger as TypeOrmLogger,
  MigrationInterface,
} from 'typeorm';
import type { DatabaseLocation } from './database-location';

export interface DatabaseSchema {
  /** Entity classes (or schemas) of the service. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity type
  entities: (Function | EntitySchema)[];
  /** Migration classes, run at start-up: the schema is never synchronised outside tests. */
  migrations: (new () => MigrationInterface)[];
}

/**
 * TypeORM's log lines through the service's logger (pino), without data: a failed or slow query is
 * logged with its SQL text, which holds placeholders ($1), never with its parameter values (order
 * contents, customer ids). PostgreSQL quotes the offending value at the end of some messages
 * (`invalid input syntax for type uuid: "..."`): that part is masked too. Successful queries and
 * schema builds are not logged.
 */
export class ParameterFreeQueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(): void {
    // Every query would be a log line per statement: not logged.
  }

  logQueryError(error: string | Error, query: string): void {
    const driverError = (error as { driverError?: Record<string, unknown> }).driverError ?? error;
    const { code, table, column, constraint } = driverError as Record<string, unknown>;
    this.logger.error({
      msg: 'query failed',
      error: maskQuotedValue(typeof error === 'string' ? error : error.message),
      code,
      table,
      column,
      constraint,
      query,
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', durationMs: time, query });
  }

  logSchemaBuild(): void {
    // Schema changes go through migrations, which are logged.
  }

  logMigration(message: string): void {
    this.logger.log({ msg: message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = maskQuotedValue(message instanceof Error ? message.message : String(message));
    if (level === 'warn') this.logger.warn({ msg: text });
    else this.logger.log({ msg: text });
  }
}

/** `...: "value"` at the end of a PostgreSQL message becomes `...: "[redacted]"`. */
export function maskQuotedValue(message: string): string {
  return message.replace(/: ".*"$/s, ': "[redacted]"');
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
    logging: ['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[],
    logger: new ParameterFreeQueryLogger(),
  };
  if (location.kind === 'postgres') {
    return { ...common, url: location.url, extra: { max: databasePoolSize() } };
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

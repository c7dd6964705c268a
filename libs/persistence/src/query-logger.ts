import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

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

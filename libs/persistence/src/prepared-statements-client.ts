import { Client, type ClientConfig } from 'pg';

/**
 * Distinct statements one connection prepares. The services send a few dozen; a statement whose
 * text is built per call (a list of values spelled out) would otherwise grow the server's
 * per-session cache without end, so past this it runs unnamed, as every statement used to.
 */
export const MAX_PREPARED_STATEMENTS = 200;

type QueryArguments = [config: unknown, values?: unknown, callback?: unknown];

/**
 * A pg client on which every statement with parameters is a named prepared statement of its
 * connection: PostgreSQL parses, analyses and plans it the first time the connection sends it and
 * then only binds and executes it (after five executions it keeps a generic plan when that costs
 * no more). pg sends an unnamed statement through all of those steps on every call, and the
 * services send the same few dozen statements thousands of times per second (docs/benchmarks.md,
 * "Prepared statements"). Statements without parameters (BEGIN, COMMIT, LISTEN) go unchanged.
 *
 * Handed to pg's pool as its `Client` (buildDataSourceOptions), so TypeORM's `manager.query` and
 * its query builder get it without a change to any caller. A connection pooler in transaction
 * mode (PgBouncer before 1.21) does not keep a session's prepared statements: set
 * DATABASE_PREPARED_STATEMENTS=false behind one.
 */
export class PreparedStatementsClient extends Client {
  private readonly names = new Map<string, string>();

  constructor(config?: string | ClientConfig) {
    super(config);
    const query = (Client.prototype.query as (...args: QueryArguments) => unknown).bind(this);
    this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const name =
        typeof config === 'string' && Array.isArray(values) && values.length > 0
          ? this.nameOf(config)
          : undefined;
      return name
        ? query({ name, text: config, values }, callback)
        : query(config, values, callback);
    }) as Client['query'];
  }

  /** The name this connection gives `text`, or undefined once it has prepared its share. */
  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_PREPARED_STATEMENTS) {
      name = `fanout_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TemporaryDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export interface TemporaryDatabaseOptions {
  /** In the database's name (fanout_<label>_<random>), to tell whose it is on the server. */
  label?: string;
}

/**
 * Creates a fresh, uniquely named database on the test run's PostgreSQL server (TEST_POSTGRES_URL,
 * jest-global-setup.ts); `drop()` removes it, disconnecting anything still attached.
 */
export async function createTemporaryDatabase(
  serverUrl = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  { label = 'test' }: TemporaryDatabaseOptions = {},
): Promise<TemporaryDatabase> {
  if (!/^[a-z0-9_]+$/.test(label))
    throw new Error(`database label "${label}": a-z, 0-9 and _ only`);
  const name = `fanout_${label}_${randomBytes(6).toString('hex')}`;
  await withPostgresClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withPostgresClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
}

/** One connection to `url` for `work`, closed afterwards whatever happens. */
export async function withPostgresClient<T>(
  url: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

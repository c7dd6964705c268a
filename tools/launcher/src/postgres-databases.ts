import { Client } from 'pg';
import { ServiceName } from './service-catalog';

/**
 * Creates one database per service on a PostgreSQL server (fanout_orders, fanout_payments, …) when
 * it does not exist yet, and returns each service's connection URL.
 */
export async function ensureServiceDatabases(
  serverUrl: string,
  services: readonly ServiceName[],
): Promise<Partial<Record<ServiceName, string>>> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const urls: Partial<Record<ServiceName, string>> = {};
    for (const service of services) {
      const database = `fanout_${service}`;
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        database,
      ]);
      // Identifiers cannot be bound parameters; the name comes from the fixed service catalogue.
      if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;
      urls[service] = url.toString();
    }
    return urls;
  } finally {
    await client.end();
  }
}

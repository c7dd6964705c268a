import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ServiceName } from './service-catalog';

export interface ServiceDatabaseOptions {
  /**
   * A login role per service, named like its database, that owns the database and is the only
   * role (superusers aside) allowed to connect to it. Its password is new on every call, and the
   * returned URLs carry it. Needs a superuser (or CREATEROLE and CREATEDB) on the server.
   */
  rolePerService?: boolean;
  /** Names are `<prefix>_<service>` (default "fanout"). */
  prefix?: string;
}

/**
 * Creates one database per service on a PostgreSQL server (fanout_orders, fanout_payments, …) when
 * it does not exist yet, and returns each service's connection URL.
 */
export async function ensureServiceDatabases(
  serverUrl: string,
  services: readonly ServiceName[],
  options: ServiceDatabaseOptions = {},
): Promise<Partial<Record<ServiceName, string>>> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const urls: Partial<Record<ServiceName, string>> = {};
    for (const service of services) {
      // Identifiers cannot be bound parameters; the names come from the fixed service catalogue.
      const database = `${options.prefix ?? 'fanout'}_${service}`;
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;
      if (options.rolePerService) {
        const password = randomBytes(18).toString('base64url');
        await ensureOwnRole(client, database, password);
        url.username = database;
        url.password = password;
      } else {
        await ensureDatabase(client, database);
      }
      urls[service] = url.toString();
    }
    return urls;
  } finally {
    await client.end();
  }
}

async function ensureDatabase(client: Client, database: string, owner?: string): Promise<void> {
  const existing = await client.query<{ owner: string }>(
    'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
    [database],
  );
  const ownerClause = owner === undefined ? '' : ` OWNER "${owner}"`;
  if (existing.rowCount === 0) {
    await client.query(`CREATE DATABASE "${database}"${ownerClause}`);
  } else if (owner !== undefined && existing.rows[0].owner !== owner) {
    await client.query(`ALTER DATABASE "${database}" OWNER TO "${owner}"`);
  }
}

/** Role `<database>` with this password, owning `<database>`, which nobody else may connect to. */
async function ensureOwnRole(client: Client, database: string, password: string): Promise<void> {
  const role = database;
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
  await client.query(
    `${verb} ROLE "${role}" WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`,
  );
  await ensureDatabase(client, database, role);
  // PUBLIC may connect to every new database by default: only the owner (and superusers) may.
  await client.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
}

import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { ComposeService } from './compose-document';
import { initScripts } from './compose-wiring';

/**
 * What the official postgres image does when it initialises an empty data directory, done on the
 * server at `adminUrl` (a superuser): POSTGRES_USER becomes a superuser with POSTGRES_PASSWORD,
 * POSTGRES_DB is created, then every *.sql mounted into /docker-entrypoint-initdb.d runs as that
 * user, statement by statement and stopping at the first error (`psql -v ON_ERROR_STOP=1`).
 * Returns the URL of POSTGRES_USER on POSTGRES_DB.
 */
export async function initialiseLikePostgresImage(
  server: ComposeService,
  adminUrl: string,
): Promise<string> {
  const user = server.environment['POSTGRES_USER'] ?? 'postgres';
  const password = server.environment['POSTGRES_PASSWORD'];
  const database = server.environment['POSTGRES_DB'] ?? user;
  if (!password)
    throw new Error(
      `${server.name}: the postgres image refuses to start without POSTGRES_PASSWORD`,
    );
  await withClient(adminUrl, async (client) => {
    await client.query(
      `CREATE ROLE ${client.escapeIdentifier(user)} WITH SUPERUSER LOGIN PASSWORD ${client.escapeLiteral(password)}`,
    );
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  });
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  url.pathname = `/${database}`;
  for (const script of initScripts(server)) {
    await withClient(url.toString(), async (client) => {
      for (const statement of sqlStatements(readFileSync(script, 'utf8'))) {
        await client.query(statement);
      }
    });
  }
  return url.toString();
}

/**
 * A script's statements, one by one: CREATE DATABASE cannot run in the implicit transaction of a
 * multi-statement query. Enough SQL for init scripts: `--` comments, no `;` inside literals.
 */
export function sqlStatements(script: string): string[] {
  return script
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

async function withClient(url: string, work: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

import { join, resolve } from 'node:path';

/**
 * Where a service keeps its data: a PostgreSQL server when a URL is configured, otherwise an
 * embedded PGlite database in a directory (zero set-up for a laptop or a CI runner).
 */
export type DatabaseLocation =
  { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/**
 * `<SERVICE>_DATABASE_URL` wins over `DATABASE_URL`, so several services can share one environment
 * (the launcher, a .env file) and still each own a database.
 */
export function resolveDatabaseLocation(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseLocation {
  const url = env[`${service.toUpperCase()}_DATABASE_URL`] || env['DATABASE_URL'];
  if (url) {
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite', dataDir: resolve(join(env['DATA_DIR'] || '.data', service)) };
}

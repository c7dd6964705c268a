/**
 * Jest global set-up (jest.preset.js): a PostgreSQL server for the run's tests, in
 * TEST_POSTGRES_URL, which temporary-database.ts and the e2e support read. See
 * test-postgres-server.ts for which server that is.
 *
 * Every Jest project has this set-up, so that a project run on its own gets a server too; in a
 * run of several projects the first one provides the server and the others find it.
 */
import { provideTestPostgres, type TestPostgres } from './test-postgres-server';

const SERVER = Symbol.for('fanout.testPostgres');

type WithServer = typeof globalThis & { [SERVER]?: Promise<TestPostgres> };

export default async function globalSetup(): Promise<void> {
  const global = globalThis as WithServer;
  if (global[SERVER]) {
    await global[SERVER];
    return;
  }
  global[SERVER] = provideTestPostgres();
  const server = await global[SERVER];
  process.env['TEST_POSTGRES_URL'] = server.url;
  process.stdout.write(`\nTests use ${server.description}.\n`);
}

/** Jest global teardown: stops the server if the set-up started one (once for all projects). */
export async function globalTeardown(): Promise<void> {
  const global = globalThis as WithServer;
  const server = global[SERVER];
  delete global[SERVER];
  await (await server?.catch(() => undefined))?.stop();
}

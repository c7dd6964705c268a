import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureServiceDatabases } from './postgres-databases';

/** The test run's server (jest-global-setup.ts); names get a random prefix, dropped afterwards. */
const SERVER_URL =
  process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('ensureServiceDatabases with a role per service', () => {
  const prefix = `fanout_t${randomBytes(4).toString('hex')}`;
  const names = [`${prefix}_orders`, `${prefix}_payments`];

  afterAll(() =>
    withClient(SERVER_URL, async (client) => {
      for (const name of names) {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.query(`DROP ROLE IF EXISTS "${name}"`);
      }
    }),
  );

  it('gives each service a database it owns and connects to as its own role, and no other', async () => {
    const urls = await ensureServiceDatabases(SERVER_URL, ['orders', 'payments'], {
      rolePerService: true,
      prefix,
    });
    const orders = new URL(urls.orders ?? '');

    expect(orders.username).toBe(`${prefix}_orders`);
    expect(orders.pathname).toBe(`/${prefix}_orders`);
    expect(
      await withClient(orders.toString(), async (client) => {
        await client.query('CREATE TABLE t (id int)');
        return (await client.query('SELECT current_user, current_database()')).rows[0];
      }),
    ).toEqual({ current_user: `${prefix}_orders`, current_database: `${prefix}_orders` });
    const intoPayments = new URL(orders);
    intoPayments.pathname = `/${prefix}_payments`;
    await expect(withClient(intoPayments.toString(), async () => undefined)).rejects.toThrow(
      /permission denied for database/,
    );
  });

  it('keeps the databases on the next start and gives the roles new passwords', async () => {
    const role = `${prefix}_orders`;
    const passwordHash = () =>
      withClient(SERVER_URL, async (client) => {
        const { rows } = await client.query<{ hash: string }>(
          'SELECT rolpassword AS hash FROM pg_authid WHERE rolname = $1',
          [role],
        );
        return rows[0]?.hash;
      });
    await ensureServiceDatabases(SERVER_URL, ['orders'], { rolePerService: true, prefix });
    const before = await passwordHash();

    const urls = await ensureServiceDatabases(SERVER_URL, ['orders'], {
      rolePerService: true,
      prefix,
    });

    expect(await passwordHash()).not.toBe(before);
    const tables = await withClient(urls.orders ?? '', async (client) =>
      client.query("SELECT 1 FROM pg_tables WHERE tablename = 't'"),
    );
    expect(tables.rowCount).toBe(1);
  });
});

import { resolve } from 'node:path';
import { resolveDatabaseLocation } from './database-location';

describe('resolveDatabaseLocation', () => {
  it("prefers the service's own URL over the shared one", () => {
    expect(
      resolveDatabaseLocation('orders', {
        ORDERS_DATABASE_URL: 'postgres://db/orders',
        DATABASE_URL: 'postgres://db/shared',
      }),
    ).toEqual({ kind: 'postgres', url: 'postgres://db/orders' });
    expect(resolveDatabaseLocation('payments', { DATABASE_URL: 'postgres://db/shared' })).toEqual({
      kind: 'postgres',
      url: 'postgres://db/shared',
    });
  });

  it('falls back to PGlite under DATA_DIR/<service>', () => {
    expect(resolveDatabaseLocation('inventory', { DATA_DIR: '/tmp/fanout' })).toEqual({
      kind: 'pglite',
      dataDir: '/tmp/fanout/inventory',
    });
    expect(resolveDatabaseLocation('inventory', {})).toEqual({
      kind: 'pglite',
      dataDir: resolve('.data/inventory'),
    });
  });
});

import { openTemporaryDataSource, type TemporaryDataSource } from '@fanout/testing';
import { inventorySchema } from '../inventory-schema';
import { seedDemoCatalogue } from './catalogue-seeder';
import { DEMO_CATALOGUE } from './demo-catalogue';
import { Product } from './product.entity';

describe('seedDemoCatalogue', () => {
  let database: TemporaryDataSource;

  beforeAll(async () => {
    database = await openTemporaryDataSource(inventorySchema);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('returns what it inserted or re-priced (to publish), nothing when the catalogue matches', async () => {
    const { manager } = database.dataSource;
    const first = await seedDemoCatalogue(manager, 2);
    expect(first.map(({ sku }) => sku)).toEqual(DEMO_CATALOGUE.map(({ sku }) => sku).sort());
    expect(first).toContainEqual({
      sku: 'MONITOR-01',
      name: '27-inch monitor',
      unitPriceCents: 19900,
    });
    expect(await seedDemoCatalogue(manager, 2)).toEqual([]);

    // A product whose price changed (or was never set, as after the migration) is re-published,
    // and keeps its stock.
    await manager.update(Product, { sku: 'MOUSE-01' }, { unitPriceCents: null, available: 7 });
    expect(await seedDemoCatalogue(manager, 2)).toEqual([
      { sku: 'MOUSE-01', name: 'Wireless mouse', unitPriceCents: 2900 },
    ]);
    expect(await manager.findOneByOrFail(Product, { sku: 'MOUSE-01' })).toMatchObject({
      available: 7,
      unitPriceCents: 2900,
    });
    expect(await manager.findOneByOrFail(Product, { sku: 'CABLE-01' })).toMatchObject({
      available: 10_000,
    });
  });
});

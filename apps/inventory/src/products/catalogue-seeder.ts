import type { EntityManager } from 'typeorm';
import { DEMO_CATALOGUE, type DemoProduct } from './demo-catalogue';

/** A product's catalogue entry: what ProductUpdated carries. */
export interface CatalogueEntry {
  sku: string;
  name: string;
  unitPriceCents: number;
}

/**
 * DEMO_STOCK_MULTIPLIER scales the seeded stock (default 1): the load benchmark sets it so that
 * thousands of orders a second do not empty the shelves within seconds.
 */
export function demoStockMultiplier(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['DEMO_STOCK_MULTIPLIER'] ?? 1);
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/**
 * Brings the catalogue in line with `products`: inserts the missing ones, and gives existing ones
 * the listed name and price, leaving their stock alone. Returns the entries it inserted or
 * changed (to be published); none when the catalogue already matches, so it is safe on every
 * start, and when several replicas start together (the row locks of the upsert serialise them,
 * and the later ones find nothing left to change).
 */
export async function seedDemoCatalogue(
  manager: EntityManager,
  multiplier = demoStockMultiplier(),
  products: ReadonlyArray<DemoProduct> = DEMO_CATALOGUE,
): Promise<CatalogueEntry[]> {
  const rows: { sku: string; name: string; unitPriceCents: number }[] = await manager.query(
    `INSERT INTO products (sku, name, unit_price_cents, available, reserved)
     SELECT sku, name, price, available, 0
       FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS p(sku, name, price, available)
     ON CONFLICT (sku) DO UPDATE
        SET name = EXCLUDED.name, unit_price_cents = EXCLUDED.unit_price_cents, updated_at = now()
      WHERE (products.name, products.unit_price_cents)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.unit_price_cents)
     RETURNING sku, name, unit_price_cents AS "unitPriceCents"`,
    [
      products.map(({ sku }) => sku),
      products.map(({ name }) => name),
      products.map(({ unitPriceCents }) => unitPriceCents),
      products.map(({ available }) => available * multiplier),
    ],
  );
  return rows.sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

import type { EntityManager } from 'typeorm';
import { DEMO_CATALOGUE } from './demo-catalogue';
import { Product } from './product.entity';

/**
 * DEMO_STOCK_MULTIPLIER scales the seeded stock (default 1): the load benchmark sets it so that
 * thousands of orders a second do not empty the shelves within seconds.
 */
export function demoStockMultiplier(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['DEMO_STOCK_MULTIPLIER'] ?? 1);
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/**
 * Inserts the demo products that are missing and leaves existing ones (and their stock) alone, so
 * it is safe on every start and when several replicas start together.
 */
export async function seedDemoCatalogue(
  manager: EntityManager,
  multiplier = demoStockMultiplier(),
): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(Product)
    .values(
      DEMO_CATALOGUE.map((product) => ({
        ...product,
        available: product.available * multiplier,
        reserved: 0,
      })),
    )
    .orIgnore()
    .returning(['sku'])
    .execute();
  return (result.raw as unknown[]).length;
}

import type { EntityManager } from 'typeorm';
import { DEMO_CATALOGUE } from './demo-catalogue';
import { Product } from './product.entity';

/**
 * Inserts the demo products that are missing and leaves existing ones (and their stock) alone, so
 * it is safe on every start and when several replicas start together.
 */
export async function seedDemoCatalogue(manager: EntityManager): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(Product)
    .values(DEMO_CATALOGUE.map((product) => ({ ...product, reserved: 0 })))
    .orIgnore()
    .returning(['sku'])
    .execute();
  return (result.raw as unknown[]).length;
}

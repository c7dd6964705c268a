import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inventory owns the catalogue, prices included: orders learns them from ProductUpdated events.
 * Existing products get no price here (NULL): the seeder prices the demo products on the next
 * start, and publishes them.
 */
export class AddProductPrices1764300000000 implements MigrationInterface {
  name = 'AddProductPrices1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE products
        ADD COLUMN unit_price_cents integer CHECK (unit_price_cents >= 0)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE products DROP COLUMN unit_price_cents`);
  }
}

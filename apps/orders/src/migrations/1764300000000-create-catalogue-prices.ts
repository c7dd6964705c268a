import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders' copy of the catalogue's prices, kept from ProductUpdated events. */
export class CreateCataloguePrices1764300000000 implements MigrationInterface {
  name = 'CreateCataloguePrices1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE catalogue_prices (
        sku text PRIMARY KEY,
        name text NOT NULL,
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE catalogue_prices`);
  }
}

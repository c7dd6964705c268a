import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProductsAndReservations1764170000000 implements MigrationInterface {
  name = 'CreateProductsAndReservations1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The CHECKs are the last line of defence: stock can never go negative, whatever the code does.
    await queryRunner.query(`
      CREATE TABLE products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        available integer NOT NULL CHECK (available >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`
      CREATE TABLE reservations (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('RESERVED', 'REJECTED')),
        items jsonb NOT NULL,
        shortages jsonb NOT NULL DEFAULT '[]',
        reason text,
        order_event_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE reservations');
    await queryRunner.query('DROP TABLE products');
  }
}

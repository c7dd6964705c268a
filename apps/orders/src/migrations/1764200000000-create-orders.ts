import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1764200000000 implements MigrationInterface {
  name = 'CreateOrders1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        customer_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'CANCELLED')),
        items jsonb NOT NULL,
        total_cents bigint NOT NULL CHECK (total_cents >= 0),
        payment_status text NOT NULL CHECK (payment_status IN ('PENDING', 'COMPLETED', 'FAILED')),
        stock_status text NOT NULL CHECK (stock_status IN ('PENDING', 'RESERVED', 'REJECTED')),
        cancellation_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // GET /orders pages newest first, optionally filtered by status or customer.
    await queryRunner.query(
      `CREATE INDEX orders_created_at_id ON orders (created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_customer_created_at ON orders (customer_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_status_created_at ON orders (status, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`
      -- The key is claimed before its order row exists (same transaction): check the reference at commit.
      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        request_hash text NOT NULL,
        order_id uuid NOT NULL REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE orders`);
  }
}

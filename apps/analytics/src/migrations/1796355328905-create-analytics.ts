import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projection: what analytics has learnt from the topics, nothing else. Every column is set
 * by events (their own timestamps included, never the time they were read), so replaying the same
 * log gives the same rows. ProjectionReset empties these tables when the group starts over.
 */
export class CreateAnalytics1796355328905 implements MigrationInterface {
  name = 'CreateAnalytics1796355328905';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per order, filled in by whichever of its events arrives first: the topics are read
    // in parallel, so a payment result may be read before the OrderCreated it answers.
    await queryRunner.query(`
      CREATE TABLE order_facts (
        order_id uuid PRIMARY KEY,
        customer_id text,
        status text,
        total_cents integer,
        created_at timestamptz,
        finished_at timestamptz,
        cancellation_reason text,
        payment_status text,
        stock_status text,
        notifications_sent integer NOT NULL DEFAULT 0
      )
    `);
    await queryRunner.query(`
      CREATE TABLE order_lines (
        order_id uuid NOT NULL,
        line integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL,
        unit_price_cents integer NOT NULL,
        PRIMARY KEY (order_id, line)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE stock_shortages (
        order_id uuid NOT NULL,
        sku text NOT NULL,
        requested integer NOT NULL,
        available integer NOT NULL,
        PRIMARY KEY (order_id, sku)
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE stock_shortages');
    await queryRunner.query('DROP TABLE order_lines');
    await queryRunner.query('DROP TABLE order_facts');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Compensation: a completed payment is refunded when its order is cancelled. */
export class AddPaymentRefunds1764180000000 implements MigrationInterface {
  name = 'AddPaymentRefunds1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE payments
        ADD COLUMN refund_id uuid,
        ADD COLUMN refunded_at timestamptz,
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check
          CHECK (status IN ('COMPLETED', 'FAILED', 'REFUNDED'))
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE payments
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check CHECK (status IN ('COMPLETED', 'FAILED')),
        DROP COLUMN refunded_at,
        DROP COLUMN refund_id
    `);
  }
}

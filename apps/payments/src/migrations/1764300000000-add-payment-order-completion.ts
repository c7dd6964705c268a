import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments learns that an order completed (OrderCompleted): from then on its payment is final,
 * and an OrderCancelled for it is refused instead of refunded.
 */
export class AddPaymentOrderCompletion1764300000000 implements MigrationInterface {
  name = 'AddPaymentOrderCompletion1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payments ADD COLUMN order_completed_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payments DROP COLUMN order_completed_at`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A completed order's reservation is committed: its stock leaves `reserved` (it is sold), where
 * before it stayed reserved for ever.
 */
export class AddReservationCommit1764300000001 implements MigrationInterface {
  name = 'AddReservationCommit1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE reservations
        ADD COLUMN committed_at timestamptz,
        DROP CONSTRAINT reservations_status_check,
        ADD CONSTRAINT reservations_status_check
          CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED'))
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE reservations
        DROP CONSTRAINT reservations_status_check,
        ADD CONSTRAINT reservations_status_check
          CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED')),
        DROP COLUMN committed_at
    `);
  }
}

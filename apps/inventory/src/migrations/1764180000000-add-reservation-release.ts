import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Compensation: a reservation is released, its stock given back, when its order is cancelled. */
export class AddReservationRelease1764180000000 implements MigrationInterface {
  name = 'AddReservationRelease1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE reservations
        ADD COLUMN released_at timestamptz,
        DROP CONSTRAINT reservations_status_check,
        ADD CONSTRAINT reservations_status_check
          CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED'))
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE reservations
        DROP CONSTRAINT reservations_status_check,
        ADD CONSTRAINT reservations_status_check CHECK (status IN ('RESERVED', 'REJECTED')),
        DROP COLUMN released_at
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1764170000000 implements MigrationInterface {
  name = 'CreateNotifications1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        recipient text NOT NULL,
        channel text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        in_response_to text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query('CREATE INDEX notifications_order_id_idx ON notifications (order_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifications');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `effects` table of the messaging specs: their handlers insert one row per event they apply,
 * so a count per event id shows whether an event was applied exactly once.
 */
export class CreateEffects1764150000000 implements MigrationInterface {
  name = 'CreateEffects1764150000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL)`,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE effects`);
  }
}

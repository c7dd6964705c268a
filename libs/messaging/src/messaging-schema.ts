import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ProcessedEvent } from './inbox/processed-event.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';

/** The outbox and inbox tables every service has; applied before the service's own migrations. */
export class CreateMessagingTables1764100000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_messages (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        value text NOT NULL,
        headers jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        partition integer,
        "offset" bigint,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // The relay's query: pending rows in order. A partial index stays small as rows are published.
    await queryRunner.query(
      `CREATE INDEX outbox_messages_pending ON outbox_messages (id) WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_messages_message_key ON outbox_messages (message_key)`,
    );
    await queryRunner.query(`
      CREATE TABLE processed_events (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" bigint NOT NULL,
        message_key text,
        occurred_at timestamptz NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX processed_events_message_key ON processed_events (message_key)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_events`);
    await queryRunner.query(`DROP TABLE outbox_messages`);
  }
}

export const messagingEntities = [OutboxMessage, ProcessedEvent];
export const messagingMigrations = [CreateMessagingTables1764100000000];

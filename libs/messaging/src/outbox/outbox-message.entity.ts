import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsString } from '@fanout/persistence';

/**
 * An event waiting to be (or already) published. Written in the same transaction as the state
 * change it announces; the id is the publication order.
 */
@Entity({ name: 'outbox_messages' })
export class OutboxMessage {
  @PrimaryColumn({ type: 'bigint', generated: 'increment', transformer: bigintAsString })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  /** The exact message value (the JSON envelope), published byte for byte. */
  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  partition!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsString })
  offset!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A message to a customer about their order (recorded and logged; no e-mail leaves the demo). */
@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  recipient!: string;

  @Column('text')
  channel!: 'email';

  @Column('text')
  subject!: string;

  @Column('text')
  body!: string;

  /** The type of the event this notification answers: OrderCreated, OrderCompleted … */
  @Column('text', { name: 'in_response_to' })
  inResponseTo!: string;

  /** The event this notification answers: one notification per event. */
  @Column('uuid', { name: 'event_id', unique: true })
  eventId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

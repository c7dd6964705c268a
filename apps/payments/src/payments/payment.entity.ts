import { bigintAsNumber } from '@fanout/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type PaymentStatus = 'COMPLETED' | 'FAILED' | 'REFUNDED';

/** One charge attempt per order: the outcome of the order's OrderCreated event. */
@Entity({ name: 'payments' })
export class Payment {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id', unique: true })
  orderId!: string;

  @Column('text', { name: 'customer_id' })
  customerId!: string;

  @Column('bigint', { name: 'amount_cents', transformer: bigintAsNumber })
  amountCents!: number;

  @Column('text')
  status!: PaymentStatus;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** The OrderCreated event this payment answers. */
  @Column('uuid', { name: 'order_event_id' })
  orderEventId!: string;

  /** Set when the order was cancelled after the payment completed (compensation). */
  @Column('uuid', { name: 'refund_id', nullable: true })
  refundId!: string | null;

  @Column('timestamptz', { name: 'refunded_at', nullable: true })
  refundedAt!: Date | null;

  /** Set when the order completed (OrderCompleted): the payment is final, never refunded. */
  @Column('timestamptz', { name: 'order_completed_at', nullable: true })
  orderCompletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@fanout/persistence';
import type { OrderStatus, PaymentStatus, StockStatus } from './order-status';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/**
 * An order and where it stands. Its lines never change after creation, so they are stored with it
 * (jsonb) rather than in a table of their own.
 */
@Entity({ name: 'orders' })
export class Order {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text' })
  status!: OrderStatus;

  @Column({ type: 'jsonb' })
  items!: OrderLine[];

  @Column({ name: 'total_cents', type: 'bigint', transformer: bigintAsNumber })
  totalCents!: number;

  @Column({ name: 'payment_status', type: 'text' })
  paymentStatus!: PaymentStatus;

  @Column({ name: 'stock_status', type: 'text' })
  stockStatus!: StockStatus;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** Set by the application (millisecond precision), so it round-trips exactly through a cursor. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

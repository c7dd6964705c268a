import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ReservationStatus = 'RESERVED' | 'REJECTED' | 'RELEASED' | 'COMMITTED';

export interface ReservationLine {
  sku: string;
  quantity: number;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

/**
 * Inventory's answer to one order: every line reserved (until committed by the order's completion
 * or released by its cancellation), or none and why.
 */
@Entity({ name: 'reservations' })
export class Reservation {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id', unique: true })
  orderId!: string;

  @Column('text')
  status!: ReservationStatus;

  /** The requested lines, one per SKU. */
  @Column('jsonb')
  items!: ReservationLine[];

  @Column('jsonb', { default: () => "'[]'" })
  shortages!: Shortage[];

  @Column('text', { nullable: true })
  reason!: string | null;

  /** The OrderCreated event this reservation answers. */
  @Column('uuid', { name: 'order_event_id' })
  orderEventId!: string;

  /** Set when the order was cancelled and the stock given back (compensation). */
  @Column('timestamptz', { name: 'released_at', nullable: true })
  releasedAt!: Date | null;

  /** Set when the order completed and its stock left `reserved` (sold). */
  @Column('timestamptz', { name: 'committed_at', nullable: true })
  committedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

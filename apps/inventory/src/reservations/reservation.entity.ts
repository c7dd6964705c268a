import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ReservationStatus = 'RESERVED' | 'REJECTED' | 'RELEASED';

export interface ReservationLine {
  sku: string;
  quantity: number;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

/** Inventory's answer to one order: every line reserved (until released), or none and why. */
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

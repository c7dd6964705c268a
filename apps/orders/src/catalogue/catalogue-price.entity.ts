import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Orders' own copy of the catalogue's prices, kept from inventory's ProductUpdated events
 * (event-carried state transfer): placing an order reads it here, never asks inventory, and never
 * takes a price from the request.
 */
@Entity({ name: 'catalogue_prices' })
export class CataloguePrice {
  @PrimaryColumn('text')
  sku!: string;

  @Column('text')
  name!: string;

  @Column('integer', { name: 'unit_price_cents' })
  unitPriceCents!: number;

  /** The ProductUpdated event this row comes from. */
  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

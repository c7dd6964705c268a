import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A stock-keeping unit: what is free to sell and what is held for orders. */
@Entity({ name: 'products' })
export class Product {
  @PrimaryColumn('text')
  sku!: string;

  @Column('text')
  name!: string;

  /** What one unit costs; published as ProductUpdated. NULL: not priced, so not for sale. */
  @Column('integer', { name: 'unit_price_cents', nullable: true })
  unitPriceCents!: number | null;

  @Column('integer')
  available!: number;

  @Column('integer')
  reserved!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

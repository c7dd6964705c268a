import { UnprocessableEntityException } from '@nestjs/common';
import type { Transaction } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';
import type { OrderLine } from '../orders/order.entity';

/** What a customer asks for: a SKU and a quantity. The price is the catalogue's. */
export interface RequestedLine {
  sku: string;
  quantity: number;
}

/** An order asked for one or more SKUs orders has no price for: a 422 that names them. */
export class UnknownSkuError extends UnprocessableEntityException {
  constructor(readonly skus: readonly string[]) {
    super(`unknown SKU: ${skus.join(', ')} (not in the catalogue)`);
  }
}

/**
 * The prices of `skus` as orders knows them now (catalogue_prices), in one query, inside the
 * transaction that writes the orders: an order is priced by what the table says when it is
 * created, and records that price.
 */
export async function loadPrices(
  tx: Transaction,
  skus: Iterable<string>,
): Promise<Map<string, number>> {
  const rows: { sku: string; unitPriceCents: number }[] = await tx.manager.query(
    `SELECT sku, unit_price_cents AS "unitPriceCents" FROM catalogue_prices
      WHERE sku = ANY($1::text[])`,
    [[...new Set(skus)]],
  );
  return new Map(rows.map(({ sku, unitPriceCents }) => [sku, Number(unitPriceCents)]));
}

/** Each line with its catalogue price, or an UnknownSkuError naming every SKU without one. */
export function priceLines(
  lines: readonly RequestedLine[],
  prices: ReadonlyMap<string, number>,
): OrderLine[] {
  const unknown = [...new Set(lines.map(({ sku }) => sku).filter((sku) => !prices.has(sku)))];
  if (unknown.length > 0) throw new UnknownSkuError(unknown);
  return lines.map(({ sku, quantity }) => ({
    sku,
    quantity,
    unitPriceCents: prices.get(sku) as number,
  }));
}

/** A product's price as ProductUpdated carries it, and the event it came from. */
export interface PriceEntry {
  sku: string;
  name: string;
  unitPriceCents: number;
  eventId: string;
  updatedAt: string | Date;
}

/** Records a product's latest price: the newest message of a SKU is its state, so it overwrites. */
export async function savePrice(manager: EntityManager, entry: PriceEntry): Promise<void> {
  await manager.query(
    `INSERT INTO catalogue_prices (sku, name, unit_price_cents, event_id, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sku) DO UPDATE
        SET name = EXCLUDED.name, unit_price_cents = EXCLUDED.unit_price_cents,
            event_id = EXCLUDED.event_id, updated_at = EXCLUDED.updated_at`,
    [entry.sku, entry.name, entry.unitPriceCents, entry.eventId, entry.updatedAt],
  );
}

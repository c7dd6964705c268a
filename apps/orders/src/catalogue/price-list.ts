import { UnprocessableEntityException } from '@nestjs/common';
import type { Transaction } from '@fanout/persistence';
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

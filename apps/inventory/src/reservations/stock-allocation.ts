import type { ReservationLine, Shortage } from './reservation.entity';

/** Merges the lines of an order per SKU, sorted by SKU (the order rows are locked in). */
export function mergeLines(items: ReadonlyArray<ReservationLine>): ReservationLine[] {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of items) quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  return [...quantities]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => ({ sku, quantity }));
}

/** The lines that cannot be served from the stock at hand; an unknown SKU has none available. */
export function findShortages(
  lines: ReadonlyArray<ReservationLine>,
  availableBySku: ReadonlyMap<string, number>,
): Shortage[] {
  return lines
    .map(({ sku, quantity }) => ({
      sku,
      requested: quantity,
      available: availableBySku.get(sku) ?? 0,
    }))
    .filter(({ requested, available }) => requested > available);
}

/** "out of stock: SOLD-OUT-01; unknown SKU: NOPE-9", for people reading an order's history. */
export function describeShortages(
  shortages: ReadonlyArray<Shortage>,
  knownSkus: ReadonlySet<string>,
): string {
  const unknown = shortages.filter(({ sku }) => !knownSkus.has(sku)).map(({ sku }) => sku);
  const short = shortages.filter(({ sku }) => knownSkus.has(sku)).map(({ sku }) => sku);
  return [
    short.length > 0 ? `out of stock: ${short.join(', ')}` : undefined,
    unknown.length > 0 ? `unknown SKU: ${unknown.join(', ')}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

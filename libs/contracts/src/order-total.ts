/**
 * Σ quantity × unit price, in integer cents: the total an order, its OrderCreated and its payment
 * all carry. Orders computes it; payments checks an OrderCreated's total against it.
 */
export function orderTotalCents(
  lines: ReadonlyArray<{ quantity: number; unitPriceCents: number }>,
): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}

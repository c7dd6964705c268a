import type { EventOfType } from '@fanout/contracts';
import type { Order } from './order.entity';

export type PaymentResult = EventOfType<'PaymentCompleted'> | EventOfType<'PaymentFailed'>;
export type StockResult = EventOfType<'StockReserved'> | EventOfType<'StockRejected'>;

/** The rules the saga checks each result against; counted when broken. */
export const orderRules = [
  'unknown-order',
  'duplicate-result',
  'payment-amount-mismatch',
  'reservation-mismatch',
] as const;
export type OrderRule = (typeof orderRules)[number];

export interface Violation {
  rule: OrderRule;
  reason: string;
}

type KnownOrder = Pick<Order, 'totalCents' | 'items' | 'paymentStatus' | 'stockStatus'>;

/**
 * Why orders must not apply this result to this order, or null when it may. Orders checks what it
 * is told against what it knows: payments answers each order once, for the order's own total;
 * inventory answers once, and reserves exactly the order's lines. A result that says otherwise
 * did not come from the owner's code as written (a bug, or a forged event) and changes nothing.
 */
export function checkResult(
  order: KnownOrder,
  result: PaymentResult | StockResult,
): Violation | null {
  if (result.type === 'PaymentCompleted' || result.type === 'PaymentFailed') {
    // The amount first: a payment of another amount is wrong whenever it arrives.
    if (result.payload.amountCents !== order.totalCents) {
      return {
        rule: 'payment-amount-mismatch',
        reason: `${result.type} for ${result.payload.amountCents} cents; the order's total is ${order.totalCents}`,
      };
    }
    if (order.paymentStatus !== 'PENDING') {
      return duplicate(result.type, `payment already ${order.paymentStatus}`);
    }
    return null;
  }
  if (order.stockStatus !== 'PENDING') {
    return duplicate(result.type, `stock already ${order.stockStatus}`);
  }
  if (result.type === 'StockReserved') {
    const told = describeLines(result.payload.items);
    const ordered = describeLines(order.items);
    if (told !== ordered) {
      return {
        rule: 'reservation-mismatch',
        reason: `reserved ${told}; the order is for ${ordered}`,
      };
    }
  }
  return null;
}

function duplicate(type: string, state: string): Violation {
  return { rule: 'duplicate-result', reason: `a second result (${type}): ${state}` };
}

/** "2xA,1xB": quantities per SKU, in SKU order, so two ways of writing one order compare equal. */
function describeLines(lines: ReadonlyArray<{ sku: string; quantity: number }>): string {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of lines) quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  return [...quantities]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => `${quantity}x${sku}`)
    .join(',');
}

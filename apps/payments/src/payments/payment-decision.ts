/**
 * The simulated payment provider: deterministic, so that the demos and the tests can choose the
 * outcome. Any total above the limit is declined, everything else is charged.
 */
export const PAYMENT_LIMIT_CENTS = 100_000;

export const INSUFFICIENT_FUNDS = 'insufficient funds';

export type PaymentDecision =
  { status: 'COMPLETED' } | { status: 'FAILED'; reason: typeof INSUFFICIENT_FUNDS };

export function decidePayment(amountCents: number): PaymentDecision {
  return amountCents > PAYMENT_LIMIT_CENTS
    ? { status: 'FAILED', reason: INSUFFICIENT_FUNDS }
    : { status: 'COMPLETED' };
}

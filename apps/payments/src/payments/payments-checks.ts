import type { Payment } from './payment.entity';

/** The rules payments checks the order events it is told against; counted when broken. */
export const paymentRules = [
  'unknown-order',
  'duplicate-order',
  'order-total-mismatch',
  'complete-without-payment',
  'complete-amount-mismatch',
  'complete-after-cancel',
  'cancel-after-complete',
] as const;
export type PaymentRule = (typeof paymentRules)[number];

export interface PaymentRefusal {
  action: 'refuse';
  rule: PaymentRule;
  reason: string;
}

export type PaymentStep = { action: 'record-completion' | 'refund' | 'nothing' } | PaymentRefusal;

type KnownPayment = Pick<Payment, 'status' | 'amountCents' | 'orderCompletedAt'>;

const refuse = (rule: PaymentRule, reason: string): PaymentRefusal => ({
  action: 'refuse',
  rule,
  reason,
});

/**
 * What an order's outcome does to its payment, from what payments knows (the payment it made for
 * the order's OrderCreated, or none). Orders completes an order only after this payment completed,
 * for its total, and never both completes and cancels one order: anything else is refused. An
 * order orders never created (OrderUnknown) is refunded like a cancelled one. A repeated outcome
 * changes nothing.
 */
export function paymentStep(
  payment: KnownPayment | null,
  outcome:
    { type: 'OrderCompleted'; totalCents: number } | { type: 'OrderCancelled' | 'OrderUnknown' },
): PaymentStep {
  // OrderUnknown may answer a result that payments never sent (a forged stock result).
  if (payment === null && outcome.type === 'OrderUnknown') return { action: 'nothing' };
  if (payment === null) {
    return refuse('unknown-order', `${outcome.type} for an order never charged`);
  }
  if (outcome.type === 'OrderCompleted') {
    if (payment.status === 'FAILED') {
      return refuse('complete-without-payment', 'OrderCompleted for an order whose payment failed');
    }
    if (payment.status === 'REFUNDED') {
      return refuse('complete-after-cancel', 'OrderCompleted for an order already refunded');
    }
    if (payment.amountCents !== outcome.totalCents) {
      return refuse(
        'complete-amount-mismatch',
        `OrderCompleted for ${outcome.totalCents} cents; the payment was ${payment.amountCents}`,
      );
    }
    return { action: payment.orderCompletedAt ? 'nothing' : 'record-completion' };
  }
  if (payment.orderCompletedAt) {
    return refuse('cancel-after-complete', `${outcome.type} for an order already completed`);
  }
  return { action: payment.status === 'COMPLETED' ? 'refund' : 'nothing' };
}

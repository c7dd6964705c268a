import { randomUUID } from 'node:crypto';
import {
  createEvent,
  PaymentCompleted,
  PaymentFailed,
  StockRejected,
  StockReserved,
} from '@fanout/contracts';
import { checkResult } from './orders-checks';

const orderId = randomUUID();
const origin = { producer: 'payments' as const, correlationId: orderId };
const pending = {
  totalCents: 10_897,
  items: [
    { sku: 'KEYBOARD-01', quantity: 2, unitPriceCents: 4999 },
    { sku: 'CABLE-01', quantity: 1, unitPriceCents: 900 },
  ],
  paymentStatus: 'PENDING' as const,
  stockStatus: 'PENDING' as const,
};
const paid = (amountCents: number) =>
  createEvent(PaymentCompleted, { orderId, paymentId: randomUUID(), amountCents }, origin);
const reserved = (items: { sku: string; quantity: number }[]) =>
  createEvent(StockReserved, { orderId, reservationId: randomUUID(), items }, origin);

describe('checkResult', () => {
  it("accepts the first payment result for the order's total, and a reservation of its lines", () => {
    expect(checkResult(pending, paid(10_897))).toBeNull();
    const failed = createEvent(
      PaymentFailed,
      { orderId, paymentId: randomUUID(), amountCents: 10_897, reason: 'insufficient funds' },
      origin,
    );
    expect(checkResult(pending, failed)).toBeNull();
    // Inventory merges lines per SKU and sorts them: the same order, written its way.
    const merged = [
      { sku: 'CABLE-01', quantity: 1 },
      { sku: 'KEYBOARD-01', quantity: 2 },
    ];
    expect(checkResult(pending, reserved(merged))).toBeNull();
    const rejected = createEvent(
      StockRejected,
      {
        orderId,
        reason: 'out of stock: CABLE-01',
        shortages: [{ sku: 'CABLE-01', requested: 1, available: 0 }],
      },
      origin,
    );
    expect(checkResult(pending, rejected)).toBeNull();
  });

  it('refuses a payment of another amount than the total', () => {
    expect(checkResult(pending, paid(1))).toEqual({
      rule: 'payment-amount-mismatch',
      reason: "PaymentCompleted for 1 cents; the order's total is 10897",
    });
  });

  it('refuses a second result of the same kind, whatever it says', () => {
    expect(checkResult({ ...pending, paymentStatus: 'FAILED' }, paid(10_897))).toMatchObject({
      rule: 'duplicate-result',
    });
    expect(
      checkResult(
        { ...pending, stockStatus: 'RESERVED' },
        reserved([{ sku: 'CABLE-01', quantity: 1 }]),
      ),
    ).toMatchObject({ rule: 'duplicate-result' });
  });

  it('refuses a reservation of other lines than the order', () => {
    expect(checkResult(pending, reserved([{ sku: 'KEYBOARD-01', quantity: 2 }]))).toEqual({
      rule: 'reservation-mismatch',
      reason: 'reserved 2xKEYBOARD-01; the order is for 1xCABLE-01,2xKEYBOARD-01',
    });
  });
});

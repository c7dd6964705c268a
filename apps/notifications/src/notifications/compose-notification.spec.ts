import { createEvent, OrderCancelled, OrderCompleted, OrderCreated } from '@fanout/contracts';
import { composeNotification, formatCents } from './compose-notification';

const orderId = '0b8f2a52-6f4e-4d0e-9c39-3d1c7c0f5a11';
const origin = { producer: 'orders' as const, correlationId: orderId };

describe('composeNotification', () => {
  it('acknowledges a new order with its item count and total', () => {
    const event = createEvent(
      OrderCreated,
      {
        orderId,
        customerId: 'customer-42',
        items: [
          { sku: 'KEYBOARD-01', quantity: 1, unitPriceCents: 4999 },
          { sku: 'CABLE-01', quantity: 2, unitPriceCents: 900 },
        ],
        totalCents: 6799,
      },
      origin,
    );

    expect(composeNotification(event)).toEqual({
      recipient: 'customer-42',
      subject: 'We received your order',
      body: `Order ${orderId}: 3 item(s), 67.99. We will confirm it shortly.`,
    });
  });

  it('confirms a completed order', () => {
    const event = createEvent(
      OrderCompleted,
      { orderId, customerId: 'customer-42', totalCents: 4999 },
      origin,
    );

    expect(composeNotification(event).subject).toBe('Your order is confirmed');
    expect(composeNotification(event).body).toContain('49.99');
  });

  it('gives the reason of a cancellation', () => {
    const event = createEvent(
      OrderCancelled,
      {
        orderId,
        customerId: 'customer-42',
        reasonCode: 'PAYMENT_FAILED',
        reason: 'insufficient funds',
      },
      origin,
    );

    expect(composeNotification(event)).toEqual({
      recipient: 'customer-42',
      subject: 'Your order was cancelled',
      body: `Order ${orderId} was cancelled: insufficient funds.`,
    });
  });
});

describe('formatCents', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [4999, '49.99'],
    [150000, '1500.00'],
  ])('formats %i cents as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });
});

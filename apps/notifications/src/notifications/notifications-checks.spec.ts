import { randomUUID } from 'node:crypto';
import { createEvent, OrderCancelled, OrderCompleted, OrderCreated } from '@fanout/contracts';
import { checkNotification } from './notifications-checks';

const orderId = randomUUID();
const origin = { producer: 'orders' as const, correlationId: orderId };
const created = createEvent(
  OrderCreated,
  {
    orderId,
    customerId: 'alice',
    items: [{ sku: 'CABLE-01', quantity: 1, unitPriceCents: 900 }],
    totalCents: 900,
  },
  origin,
);
const completed = createEvent(
  OrderCompleted,
  { orderId, customerId: 'alice', totalCents: 900 },
  origin,
);
const cancelled = createEvent(
  OrderCancelled,
  { orderId, customerId: 'alice', reasonCode: 'STOCK_REJECTED', reason: 'out of stock' },
  origin,
);
const announced = [{ inResponseTo: 'OrderCreated', recipient: 'alice' }];

describe('checkNotification', () => {
  it('allows an announcement, then one outcome, to the customer who ordered', () => {
    expect(checkNotification([], created)).toBeNull();
    expect(checkNotification(announced, completed)).toBeNull();
    expect(checkNotification(announced, cancelled)).toBeNull();
  });

  it.each([
    ['OrderCompleted after OrderCancelled', 'OrderCancelled', completed, 'complete-after-cancel'],
    ['OrderCancelled after OrderCompleted', 'OrderCompleted', cancelled, 'cancel-after-complete'],
    ['OrderCompleted twice', 'OrderCompleted', completed, 'duplicate-outcome'],
  ] as const)('refuses %s', (_, earlier, event, rule) => {
    const sent = [...announced, { inResponseTo: earlier, recipient: 'alice' }];
    expect(checkNotification(sent, event)).toMatchObject({ rule });
  });

  it('refuses an outcome of an order never announced, or for another customer, and a second announcement', () => {
    expect(checkNotification([], completed)).toMatchObject({ rule: 'unknown-order' });
    const forMallory = [{ inResponseTo: 'OrderCreated', recipient: 'mallory' }];
    expect(checkNotification(forMallory, completed)).toMatchObject({ rule: 'customer-mismatch' });
    expect(checkNotification(announced, created)).toMatchObject({ rule: 'duplicate-order' });
  });
});

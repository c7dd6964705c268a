import { randomUUID } from 'node:crypto';
import { eventually } from '@fanout/testing';
import {
  FanoutApi,
  type Notification,
  type Order,
  type Product,
  type Reservation,
} from './support/fanout-api';
import { startFanoutSystem, type FanoutSystem } from './support/fanout-system';
import { brokerLabel, brokerStartAllowanceMs } from './support/test-broker';

/** Each test uses its own customers, so that they can be told apart in the shared system. */
const run = randomUUID().slice(0, 8);

// An order goes through four processes and a broker: allow for a slow machine.
jest.setTimeout(60_000);
/** Keyboards at the catalogue's 4999 cents: 21 of them (104979) are more than payments accepts. */
const keyboard = (quantity = 1) => ({ sku: 'KEYBOARD-01', quantity });
const DECLINED_KEYBOARDS = 21;

const ORDERS = 200;

/**
 * A burst of orders: every tenth one is declined by the payment provider, every tenth asks for the
 * sold-out product, and a third want the scarce monitor, more of them than there are in stock.
 */
function burstOrder(i: number, customerId: string) {
  const items = [keyboard(i % 10 === 0 ? DECLINED_KEYBOARDS : 1)];
  if (i % 10 === 1) items.push({ sku: 'SOLD-OUT-01', quantity: 1 });
  if (i % 3 === 0) items.push({ sku: 'MONITOR-01', quantity: 1 + (i % 2) });
  if (i % 2 === 0) items.push({ sku: 'MOUSE-01', quantity: 2 });
  return { customerId, items };
}

describe(`orders through Fanout (PostgreSQL, ${brokerLabel()})`, () => {
  let system: FanoutSystem;
  let api: FanoutApi;

  // Four services starting at once on two cores: generous, for a busy CI machine.
  beforeAll(async () => {
    system = await startFanoutSystem({ database: 'postgres' });
    api = new FanoutApi(system);
  }, 300_000 + brokerStartAllowanceMs());

  afterAll(() => system?.stop(), 60_000);

  /** Waits for the notification answering `eventType`, then returns all of the order's. */
  const notificationsAfter = (orderId: string, eventType: string): Promise<Notification[]> =>
    eventually(
      async () => {
        const notifications = await api.notifications(orderId);
        return notifications.some((n) => n.inResponseTo === eventType) ? notifications : undefined;
      },
      { description: `${eventType} notification for ${orderId}` },
    );

  it('completes a payable order for stock at hand, with one record in each service', async () => {
    const stockBefore = await api.product('KEYBOARD-01');
    const placed = await api.placeOrder({ customerId: `alice-${run}`, items: [keyboard()] });

    expect(placed.status).toBe(201);
    // Priced from the catalogue: the request carries no price.
    expect(placed.body).toMatchObject({
      status: 'PENDING',
      items: [{ sku: 'KEYBOARD-01', quantity: 1, unitPriceCents: 4999 }],
      totalCents: 4999,
    });
    const order = await api.finalOrder(placed.body.id);
    expect(order.status).toBe('COMPLETED');
    expect(await api.payments(order.id)).toEqual([
      expect.objectContaining({ orderId: order.id, status: 'COMPLETED', amountCents: 4999 }),
    ]);
    // The completed order's stock is committed: sold, it leaves reserved.
    const [reservation] = await eventually(
      async () => {
        const found = await api.reservations(order.id);
        return found[0]?.status === 'COMMITTED' ? found : undefined;
      },
      { description: `reservation of ${order.id} committed` },
    );
    expect(reservation).toMatchObject({
      orderId: order.id,
      items: [{ sku: 'KEYBOARD-01', quantity: 1 }],
    });
    expect(await api.product('KEYBOARD-01')).toMatchObject({
      available: stockBefore.available - 1,
      reserved: stockBefore.reserved,
    });
    const notifications = await notificationsAfter(order.id, 'OrderCompleted');
    expect(notifications.map((n) => n.inResponseTo).sort()).toEqual([
      'OrderCompleted',
      'OrderCreated',
    ]);
  });

  it('cancels an order whose total the payment provider declines, and releases its stock', async () => {
    const stockBefore = await api.product('KEYBOARD-01');

    const placed = await api.placeOrder({
      customerId: `bob-${run}`,
      items: [keyboard(DECLINED_KEYBOARDS)],
    });

    const order = await api.finalOrder(placed.body.id);
    expect(order.status).toBe('CANCELLED');
    expect(await api.payments(order.id)).toEqual([
      expect.objectContaining({ status: 'FAILED', reason: 'insufficient funds' }),
    ]);
    // Compensation: inventory had reserved the keyboard; the cancellation gives it back.
    await eventually(
      async () => ((await api.reservations(order.id))[0]?.status === 'RELEASED' ? true : undefined),
      { description: `reservation of ${order.id} released` },
    );
    expect(await api.product('KEYBOARD-01')).toMatchObject({
      available: stockBefore.available,
      reserved: stockBefore.reserved,
    });
    const notifications = await notificationsAfter(order.id, 'OrderCancelled');
    expect(notifications.map((n) => n.inResponseTo).sort()).toEqual([
      'OrderCancelled',
      'OrderCreated',
    ]);
  });

  it('cancels an order for a product that is out of stock, reserving nothing and refunding', async () => {
    const before = await api.product('SOLD-OUT-01');

    const placed = await api.placeOrder({
      customerId: `carol-${run}`,
      items: [keyboard(), { sku: 'SOLD-OUT-01', quantity: 1 }],
    });

    const order = await api.finalOrder(placed.body.id);
    expect(order.status).toBe('CANCELLED');
    expect(await api.reservations(order.id)).toEqual([
      expect.objectContaining({ status: 'REJECTED', reason: 'out of stock: SOLD-OUT-01' }),
    ]);
    expect(await api.product('SOLD-OUT-01')).toEqual(before);
    // Compensation: payments had charged the order; the cancellation refunds it.
    const payments = await eventually(
      async () => {
        const found = await api.payments(order.id);
        return found[0]?.status === 'REFUNDED' ? found : undefined;
      },
      { description: `payment of ${order.id} refunded` },
    );
    expect(payments).toEqual([expect.objectContaining({ status: 'REFUNDED', amountCents: 7499 })]);
    await notificationsAfter(order.id, 'OrderCancelled');
  });

  it.each([
    ['no items', { items: [] }],
    ['a quantity of zero', { items: [{ ...keyboard(), quantity: 0 }] }],
    ['a fractional quantity', { items: [{ ...keyboard(), quantity: 1.5 }] }],
    ["a price (prices are the catalogue's)", { items: [{ ...keyboard(), unitPriceCents: 0 }] }],
    ['an unknown field', { items: [keyboard()], couponCode: 'FREE' }],
    ['more than 100 items', { items: Array.from({ length: 101 }, () => keyboard()) }],
  ])('rejects an order with %s with 400 and creates nothing', async (_case, fields) => {
    const customerId = `invalid-${randomUUID()}`;

    const response = await api.placeOrder({ customerId, ...fields });

    expect(response.status).toBe(400);
    expect(await api.ordersOfCustomer(customerId)).toEqual([]);
  });

  it('refuses a SKU the catalogue does not price with a 422 that names it, and creates nothing', async () => {
    const customerId = `unknown-sku-${randomUUID()}`;

    const response = await api.placeOrder({
      customerId,
      items: [keyboard(), { sku: 'NOT-IN-CATALOGUE', quantity: 1 }],
    });

    expect(response.status).toBe(422);
    expect(JSON.stringify(response.body)).toContain('unknown SKU: NOT-IN-CATALOGUE');
    expect(await api.ordersOfCustomer(customerId)).toEqual([]);
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await api.placeOrder('{"customerId": "dave", "items": [');

    expect(response.status).toBe(400);
  });

  it('creates one order for a POST retried with the same Idempotency-Key', async () => {
    const customerId = `erin-${run}`;
    const key = randomUUID();
    const body = { customerId, items: [keyboard()] };

    const first = await api.placeOrder(body, key);
    const retries = await Promise.all([api.placeOrder(body, key), api.placeOrder(body, key)]);

    expect(first.status).toBe(201);
    for (const retry of retries) {
      expect(retry.status).toBeLessThan(300);
      expect(retry.body.id).toBe(first.body.id);
    }
    expect((await api.ordersOfCustomer(customerId)).map((order) => order.id)).toEqual([
      first.body.id,
    ]);
    expect((await api.finalOrder(first.body.id)).status).toBe('COMPLETED');
    expect(await api.payments(first.body.id)).toHaveLength(1);
  });

  describe('a burst of concurrent orders', () => {
    it(`brings ${ORDERS} orders to a final state with stock that adds up`, async () => {
      const stockBefore = bySku(await api.products());
      const customerId = `burst-${randomUUID().slice(0, 8)}`;

      const placed = await Promise.all(
        Array.from({ length: ORDERS }, (_, i) => api.placeOrder(burstOrder(i, customerId))),
      );
      expect(placed.map((response) => response.status)).toEqual(Array(ORDERS).fill(201));

      const orders = await inBatches(placed, (response) =>
        api.finalOrder(response.body.id, 120_000),
      );
      const records = await inBatches(orders, (order) => settledRecords(api, order));

      for (const { order, payments, reservations } of records) {
        expect(payments).toHaveLength(1);
        expect(reservations).toHaveLength(1);
        const [payment] = payments;
        const [reservation] = reservations;
        if (order.status === 'COMPLETED') {
          expect([payment.status, reservation.status]).toEqual(['COMPLETED', 'COMMITTED']);
        } else {
          // Cancelled: whatever succeeded was compensated.
          expect(['FAILED', 'REFUNDED']).toContain(payment.status);
          expect(['REJECTED', 'RELEASED']).toContain(reservation.status);
          expect([payment.status, reservation.status]).not.toEqual(['REFUNDED', 'RELEASED']);
        }
        if (order.totalCents > 100_000) expect(payment.status).toBe('FAILED');
        if (order.items.some((item) => item.sku === 'SOLD-OUT-01')) {
          expect(reservation.status).toBe('REJECTED');
        }
      }

      const stockAfter = bySku(await api.products());
      const soldInBurst = sumCommitted(records.flatMap(({ reservations }) => reservations));
      for (const [sku, before] of stockBefore) {
        const after = stockOf(stockAfter, sku);
        expect(after.available).toBeGreaterThanOrEqual(0);
        // Nothing appears or vanishes: what completed orders hold is sold (it left the shelf and
        // reserved), everything else is back where it was.
        expect(after.available + after.reserved).toBe(
          before.available + before.reserved - (soldInBurst.get(sku) ?? 0),
        );
        expect(after.reserved).toBe(before.reserved);
      }
      // More monitors were wanted than stocked: some orders were refused for them.
      expect(records.some(({ reservations: [r] }) => r.reason?.includes('MONITOR-01'))).toBe(true);
      expect(orders.filter((order: Order) => order.status === 'COMPLETED').length).toBeGreaterThan(
        0,
      );
    }, 300_000);
  });
});

function bySku(products: Product[]): Map<string, Product> {
  return new Map(products.map((product) => [product.sku, product]));
}

/**
 * An order's payment and reservation once it is settled everywhere: a cancelled order keeps no
 * charge and no reserved stock, a completed order's stock is committed.
 */
function settledRecords(api: FanoutApi, order: Order) {
  return eventually(
    async () => {
      const [payments, reservations] = await Promise.all([
        api.payments(order.id),
        api.reservations(order.id),
      ]);
      // Cancelled: compensation is over; completed: the stock is committed.
      const settling =
        reservations[0]?.status === 'RESERVED' ||
        (order.status === 'CANCELLED' && payments[0]?.status === 'COMPLETED');
      return payments.length > 0 && reservations.length > 0 && !settling
        ? { order, payments, reservations }
        : undefined;
    },
    { timeoutMs: 120_000, description: `order ${order.id} settled` },
  );
}

function stockOf(stock: Map<string, Product>, sku: string): Product {
  const product = stock.get(sku);
  if (!product) throw new Error(`${sku} is missing from the catalogue`);
  return product;
}

function sumCommitted(reservations: Reservation[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const reservation of reservations.filter(({ status }) => status === 'COMMITTED')) {
    for (const { sku, quantity } of reservation.items) {
      totals.set(sku, (totals.get(sku) ?? 0) + quantity);
    }
  }
  return totals;
}

/** Maps with at most 20 requests in flight, so that polling does not crowd out the services. */
async function inBatches<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += 20) {
    results.push(...(await Promise.all(items.slice(start, start + 20).map(map))));
  }
  return results;
}

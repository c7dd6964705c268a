import { randomUUID } from 'node:crypto';
import { serviceDeclarations } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import type { Order } from '../support/fanout-api';
import { brokerLabel } from '../support/test-broker';
import { useFanoutSystem } from '../support/use-fanout-system';
import { type AnalyticsStats, AnalyticsService } from './analytics-service';

jest.setTimeout(180_000);

const TOPICS = [...(serviceDeclarations.analytics.readsTopics ?? [])];
const run = randomUUID().slice(0, 8);

/**
 * Orders of every outcome: completed, declined by the payment provider (21 keyboards are more than
 * it accepts), and out of stock (the sold-out product).
 */
const ORDERS = [
  { items: [{ sku: 'KEYBOARD-01', quantity: 1 }] },
  {
    items: [
      { sku: 'CABLE-01', quantity: 3 },
      { sku: 'MOUSE-01', quantity: 1 },
    ],
  },
  {
    items: [
      { sku: 'KEYBOARD-01', quantity: 2 },
      { sku: 'CABLE-01', quantity: 1 },
    ],
  },
  { items: [{ sku: 'KEYBOARD-01', quantity: 21 }] },
  { items: [{ sku: 'SOLD-OUT-01', quantity: 1 }] },
  {
    items: [
      { sku: 'MOUSE-01', quantity: 2 },
      { sku: 'SOLD-OUT-01', quantity: 2 },
    ],
  },
];

/** The figures analytics must report, worked out from what the services themselves say. */
function expectedFigures(orders: readonly Order[]) {
  const completed = orders.filter((order) => order.status === 'COMPLETED');
  const unitsSoldBySku: Record<string, number> = {};
  for (const { sku, quantity } of completed.flatMap((order) => order.items)) {
    unitsSoldBySku[sku] = (unitsSoldBySku[sku] ?? 0) + quantity;
  }
  const cancelledFor = (prefix: string) =>
    orders.filter((order) => order.cancellationReason?.startsWith(prefix)).length;
  return {
    total: orders.length,
    completed: completed.length,
    revenueCents: completed.reduce((sum, order) => sum + order.totalCents, 0),
    unitsSoldBySku,
    declined: cancelledFor('payment failed'),
    stockRejected: cancelledFor('stock rejected'),
  };
}

/**
 * Event sourcing made visible: analytics joins after the orders were placed and still reports
 * every one of them, since its consumer group starts at the earliest offset; reset to the earliest
 * offsets it drops its projection and arrives at the same figures; a replayed event is a duplicate
 * to its inbox and changes nothing.
 */
describe(`analytics joins late and rebuilds from the log (PostgreSQL, ${brokerLabel()})`, () => {
  const suite = useFanoutSystem();
  let analytics: AnalyticsService | undefined;
  let figures: AnalyticsStats;

  afterAll(() => analytics?.dispose(), 60_000);

  /** Until analytics' group has committed everything on every topic it reads. */
  const caughtUp = () =>
    eventually(
      async () => {
        for (const topic of TOPICS) {
          if ((await suite.probe().lag('analytics', topic)) > 0) return false;
        }
        return true;
      },
      { timeoutMs: 120_000, description: 'analytics caught up on every topic it reads' },
    );

  it('reports every order placed before it existed, on its first start', async () => {
    const { api } = suite.system();
    const placed = await Promise.all(
      ORDERS.map(async (order, i) => {
        const response = await api.placeOrder({ customerId: `late-${run}-${i}`, ...order });
        expect(response.status).toBe(201);
        return response.body.id;
      }),
    );
    const orders = await Promise.all(placed.map((id) => api.finalOrder(id, 60_000)));
    // The last events of the flow (refunds, released stock, notifications) are written after the
    // order's final status: wait for them too, so the log is complete before analytics starts.
    await Promise.all(
      orders.map((order) =>
        eventually(async () => (await api.notifications(order.id)).length === 2, {
          description: `both notifications of ${order.id}`,
        }),
      ),
    );
    const expected = expectedFigures(orders);
    expect(expected).toMatchObject({ completed: 3, declined: 1, stockRejected: 2 });

    analytics = await AnalyticsService.create(suite.system());
    await analytics.start();
    const stats = await analytics.statsWhen(
      (current) => (current.timeToFinalStatus.count ?? 0) >= orders.length,
      `analytics reporting the ${orders.length} orders placed before it started`,
    );
    await caughtUp();
    figures = await analytics.stats();

    expect(stats.orders.total).toBe(expected.total);
    expect(figures.orders).toEqual({
      total: expected.total,
      byStatus: { CANCELLED: expected.total - expected.completed, COMPLETED: expected.completed },
      cancelledByReason: {
        PAYMENT_FAILED: expected.declined,
        STOCK_REJECTED: expected.stockRejected,
      },
    });
    expect(figures).toMatchObject({
      revenueCents: expected.revenueCents,
      unitsSoldBySku: expected.unitsSoldBySku,
      payments: { declined: expected.declined },
      stock: { rejectedOrders: expected.stockRejected, shortagesBySku: { 'SOLD-OUT-01': 2 } },
      notificationsSent: 2 * expected.total,
      timeToFinalStatus: { count: expected.total },
    });
    expect(figures.timeToFinalStatus.p50Ms).toBeGreaterThan(0);
  });

  it('changes nothing for a replayed duplicate', async () => {
    if (!analytics) throw new Error('analytics was not started');
    const probe = suite.probe();
    const [first] = await probe.readAll('orders');
    if (!first?.key || !first.value) throw new Error('nothing on the orders topic');

    await probe.produce('orders', [{ key: first.key, value: first.value, headers: first.headers }]);
    await caughtUp();

    expect(await analytics.stats()).toEqual(figures);
  });

  it('rebuilds identical figures after its group is reset to the earliest offsets', async () => {
    if (!analytics) throw new Error('analytics was not started');
    await analytics.stop();
    const restartedAt = new Date();
    // kafka-consumer-groups --reset-offsets --to-earliest, through the admin API, as the operator.
    for (const topic of TOPICS) await suite.probe().rewind('analytics', topic);

    await analytics.start();
    const rebuilt = await analytics.statsWhen(
      (current) => current.eventsApplied >= figures.eventsApplied,
      'analytics rebuilt from the earliest offsets',
    );
    await caughtUp();

    expect(rebuilt.eventsApplied).toBe(figures.eventsApplied);
    // Rebuilt, not kept: every event was applied again after the restart.
    expect((await analytics.oldestProcessedAt())?.getTime()).toBeGreaterThanOrEqual(
      restartedAt.getTime(),
    );
    expect(await analytics.stats()).toEqual(figures);
  });
});

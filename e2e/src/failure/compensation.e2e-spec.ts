import { randomUUID } from 'node:crypto';
import { Topics } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { snapshotBusinessState, stockDiscrepancies } from './support/business-state';
import { awaitSettled } from './support/effects-audit';
import { FAILURE_SCENARIOS, type FanoutSystem } from '../support/fanout-system';
import { recordFigures } from './support/figures';
import { placeOrder } from './support/order-load';
import { useFanoutSystem } from '../support/use-fanout-system';

jest.setTimeout(180_000);

const ORDERS_PER_CASE = 5;

describe('compensation: a cancelled order gives back what it took', () => {
  const { system, probe } = useFanoutSystem(FAILURE_SCENARIOS);

  const rows = <Row>(service: Parameters<FanoutSystem['query']>[0], sql: string, ids: string[]) =>
    system().query<Row>(service, sql, [ids]);

  /** How many events of `type` about these orders are on `topic`. */
  const eventsAbout = async (topic: string, type: string, orderIds: string[]) => {
    const wanted = new Set(orderIds);
    return (await probe().eventsOn(topic)).filter(
      (event) => event.type === type && wanted.has(event.orderId),
    );
  };

  it('refunds and releases exactly once, and still exactly once after every group replays from 0', async () => {
    const run = randomUUID().slice(0, 8);
    const stockBefore = await system().api.product('KEYBOARD-01');
    // Declined by the payment provider (total > 100000 cents) after inventory reserved the stock.
    const declined: string[] = [];
    // Charged by payments, but one item is sold out: stock rejected.
    const rejected: string[] = [];
    for (let i = 0; i < ORDERS_PER_CASE; i++) {
      declined.push(
        await placeOrder(system().api, {
          customerId: `declined-${run}`,
          // 21 keyboards at the catalogue's 4999 cents: more than payments accepts.
          items: [{ sku: 'KEYBOARD-01', quantity: 21 }],
        }),
      );
      rejected.push(
        await placeOrder(system().api, {
          customerId: `rejected-${run}`,
          items: [
            { sku: 'MOUSE-01', quantity: 1 },
            { sku: 'SOLD-OUT-01', quantity: 1 },
          ],
        }),
      );
    }
    const all = [...declined, ...rejected];
    const { audit } = await awaitSettled(system(), all);
    expect(audit).toMatchObject({ cancelled: all.length, lost: 0, duplicates: 0 });

    const compensated = () =>
      eventually(
        async () => {
          const released = await rows<{ status: string }>(
            'inventory',
            'SELECT status FROM reservations WHERE order_id = ANY($1::uuid[])',
            declined,
          );
          const refunded = await rows<{ status: string }>(
            'payments',
            'SELECT status FROM payments WHERE order_id = ANY($1::uuid[])',
            rejected,
          );
          const done =
            released.length === declined.length &&
            released.every((r) => r.status === 'RELEASED') &&
            refunded.length === rejected.length &&
            refunded.every((p) => p.status === 'REFUNDED');
          return done ? true : undefined;
        },
        { timeoutMs: 60_000, description: 'reservations released and payments refunded' },
      );
    await compensated();
    // Nothing to give back on the other side: a declined payment, a rejected reservation.
    expect(
      await rows<{ status: string }>(
        'payments',
        'SELECT status FROM payments WHERE order_id = ANY($1::uuid[])',
        declined,
      ),
    ).toEqual(Array(declined.length).fill({ status: 'FAILED' }));
    expect(
      await rows<{ status: string }>(
        'inventory',
        'SELECT status FROM reservations WHERE order_id = ANY($1::uuid[])',
        rejected,
      ),
    ).toEqual(Array(rejected.length).fill({ status: 'REJECTED' }));
    expect(await system().api.product('KEYBOARD-01')).toMatchObject({
      available: stockBefore.available,
      reserved: stockBefore.reserved,
    });
    expect(await stockDiscrepancies(system())).toEqual([]);
    const refunds = await eventsAbout(Topics.payments, 'PaymentRefunded', rejected);
    const releases = await eventsAbout(Topics.inventory, 'StockReleased', declined);
    expect(new Set(refunds.map((e) => e.eventId)).size).toBe(rejected.length);
    expect(new Set(releases.map((e) => e.eventId)).size).toBe(declined.length);
    const cancelledNotices = await rows<{ n: string }>(
      'notifications',
      "SELECT count(*) AS n FROM notifications WHERE order_id = ANY($1::uuid[]) AND in_response_to = 'OrderCancelled'",
      all,
    );
    expect(Number(cancelledNotices[0].n)).toBe(all.length);

    // Every group reads the whole history again: no second refund, no second release.
    const before = await snapshotBusinessState(system());
    const groups = [
      { group: 'payments', topics: [Topics.orders] },
      { group: 'inventory', topics: [Topics.orders] },
      { group: 'notifications', topics: [Topics.orders] },
      { group: 'orders', topics: [Topics.payments, Topics.inventory] },
    ] as const;
    for (const { group, topics } of groups) {
      await system().service(group).stop();
      for (const topic of topics) await probe().rewind(group, topic);
    }
    await Promise.all(groups.map(({ group }) => system().restart(group)));
    for (const { group, topics } of groups) {
      for (const topic of topics) {
        await eventually(async () => ((await probe().lag(group, topic)) === 0 ? true : undefined), {
          timeoutMs: 90_000,
          intervalMs: 500,
          description: `${group} caught up on ${topic}`,
        });
      }
    }
    expect(await snapshotBusinessState(system())).toEqual(before);
    const refundsAfter = await eventsAbout(Topics.payments, 'PaymentRefunded', rejected);
    const releasesAfter = await eventsAbout(Topics.inventory, 'StockReleased', declined);
    expect(refundsAfter).toHaveLength(refunds.length);
    expect(releasesAfter).toHaveLength(releases.length);
    recordFigures('compensation', {
      cancelledOrders: all.length,
      refunds: new Set(refunds.map((e) => e.eventId)).size,
      releases: new Set(releases.map((e) => e.eventId)).size,
      refundsAfterReplayFrom0: new Set(refundsAfter.map((e) => e.eventId)).size,
      releasesAfterReplayFrom0: new Set(releasesAfter.map((e) => e.eventId)).size,
      keyboardStockRestored: true,
    });
  });
});

import { randomUUID } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import {
  createEvent,
  encodeEvent,
  eventHeaders,
  type FanoutEvent,
  findEventDefinition,
  OrderCancelled,
  OrderCompleted,
  OrderCreated,
  PaymentCompleted,
  MANAGEMENT_PORT_OFFSET,
} from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { FanoutApi, type Order } from '../support/fanout-api';
import { type FanoutSystem, type ServiceName, startFanoutSystem } from '../support/fanout-system';
import { kafkaClient } from '../support/kafka-clients';
import { brokerLabel, brokerStartAllowanceMs } from '../support/test-broker';

/**
 * The business attacks of issue 11, each shown to fail. Prices come from the catalogue, not the
 * request; and events with a valid shape that contradict what a service knows are refused by
 * its consumer, counted in fanout_invariant_violations_total, and change nothing. The broker
 * authenticates and authorizes here as under `npm start`, so the attacker writes each event with
 * its owner's credentials (a leaked password, a compromised service): that the broker refuses
 * everyone else is broker-acl.e2e-spec.ts.
 */
jest.setTimeout(120_000);

const run = randomUUID().slice(0, 8);

describe(`business invariants owned by the services (PostgreSQL, ${brokerLabel()})`, () => {
  let system: FanoutSystem;
  let api: FanoutApi;
  /** One per owning service: each forged event is written with its owner's credentials. */
  const producers = new Map<ServiceName, Producer>();

  beforeAll(async () => {
    system = await startFanoutSystem({ database: 'postgres' });
    api = new FanoutApi(system);
    await api.demoCatalogue();
  }, 300_000 + brokerStartAllowanceMs());

  afterAll(async () => {
    await Promise.all([...producers.values()].map((producer) => producer.disconnect()));
    await system?.stop();
  }, 60_000);

  async function producerOf(owner: ServiceName): Promise<Producer> {
    let producer = producers.get(owner);
    if (!producer) {
      producer = kafkaClient(system, owner, { clientId: 'attacker' }).producer({
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      producers.set(owner, producer);
      await producer.connect();
    }
    return producer;
  }

  /** Writes an event as its producer would: on its topic, keyed, with the envelope's headers. */
  async function inject(event: FanoutEvent): Promise<void> {
    const definition = findEventDefinition(event.type, event.version);
    if (!definition) throw new Error(`no contract for ${event.type}`);
    // Every event of the contracts is produced by one of the four services this system runs.
    const producer = await producerOf(definition.producer as ServiceName);
    await producer.send({
      topic: definition.topic,
      acks: -1,
      messages: [
        {
          key: (definition.keyOf as (payload: unknown) => string)(event.payload),
          value: encodeEvent(event),
          headers: eventHeaders(event),
        },
      ],
    });
  }

  /** A service's fanout_invariant_violations_total for one rule, from its management port. */
  async function violations(service: ServiceName, rule: string): Promise<number> {
    const port = Number(new URL(system.urls[service]).port) + MANAGEMENT_PORT_OFFSET;
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (candidate) =>
          candidate.startsWith('fanout_invariant_violations_total{') &&
          candidate.includes(`rule="${rule}"`),
      );
    if (!line) throw new Error(`${service} does not count the rule ${rule}`);
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /** Waits until each service has counted one more violation of its rule than `before`. */
  async function untilCounted(expected: Array<[ServiceName, string]>, before: number[]) {
    await eventually(
      async () => {
        const now = await Promise.all(expected.map(([service, rule]) => violations(service, rule)));
        return now.every((count, i) => count === (before[i] ?? 0) + 1) ? true : undefined;
      },
      { description: `violations counted: ${expected.map((e) => e.join(' ')).join(', ')}` },
    );
  }

  const countsOf = (expected: Array<[ServiceName, string]>) =>
    Promise.all(expected.map(([service, rule]) => violations(service, rule)));

  const origin = (orderId: string) => ({ producer: 'orders' as const, correlationId: orderId });

  /** Places an order and waits for its outcome, and for every service to have settled it. */
  async function settledOrder(customerId: string, items: { sku: string; quantity: number }[]) {
    const placed = await api.placeOrder({ customerId, items });
    expect(placed.status).toBe(201);
    const order = await api.finalOrder(placed.body.id);
    const notified = order.status === 'COMPLETED' ? 'OrderCompleted' : 'OrderCancelled';
    await eventually(
      async () => {
        const [payments, reservations, notifications] = await Promise.all([
          api.payments(order.id),
          api.reservations(order.id),
          api.notifications(order.id),
        ]);
        const settled =
          order.status === 'COMPLETED'
            ? reservations[0]?.status === 'COMMITTED'
            : payments[0]?.status !== 'COMPLETED' && reservations[0]?.status !== 'RESERVED';
        return settled && notifications.some((n) => n.inResponseTo === notified) ? true : undefined;
      },
      { description: `order ${order.id} settled in every service` },
    );
    return order;
  }

  it('refuses a price in the request and prices the order from the catalogue, so a 50-monitor order at 0 is declined', async () => {
    const mallory = `mallory-${run}`;
    const zeroPriced = await api.placeOrder({
      customerId: mallory,
      items: [{ sku: 'MONITOR-01', quantity: 50, unitPriceCents: 0 }],
    });
    expect(zeroPriced.status).toBe(400);
    expect(JSON.stringify(zeroPriced.body)).toContain('prices come from the catalogue');
    expect(await api.ordersOfCustomer(mallory)).toEqual([]);

    const placed = await api.placeOrder({
      customerId: mallory,
      items: [{ sku: 'MONITOR-01', quantity: 50 }],
    });
    expect(placed.body).toMatchObject({
      totalCents: 50 * 19_900,
      items: [{ sku: 'MONITOR-01', quantity: 50, unitPriceCents: 19_900 }],
    });
    const final = await api.finalOrder(placed.body.id);
    expect(final).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'payment failed: insufficient funds',
    });
    expect(await api.payments(final.id)).toEqual([
      expect.objectContaining({ status: 'FAILED', amountCents: 995_000 }),
    ]);
    await eventually(
      async () => ((await api.reservations(final.id))[0]?.status === 'RELEASED' ? true : undefined),
      { description: "mallory's monitors released" },
    );

    // The next honest customer gets a monitor, at the catalogue's price, and is charged it.
    const honest = await settledOrder(`honest-${run}`, [{ sku: 'MONITOR-01', quantity: 1 }]);
    expect(honest).toMatchObject({ status: 'COMPLETED', totalCents: 19_900 });
    expect(await api.payments(honest.id)).toEqual([
      expect.objectContaining({ status: 'COMPLETED', amountCents: 19_900 }),
    ]);
  });

  it('does not complete an order on a forged PaymentCompleted of another amount', async () => {
    const expected: Array<[ServiceName, string]> = [['orders', 'payment-amount-mismatch']];
    const before = await countsOf(expected);
    const placed = await api.placeOrder({
      customerId: `forged-payment-${run}`,
      items: [{ sku: 'MONITOR-01', quantity: 6 }],
    });
    const orderId = placed.body.id;
    await inject(
      createEvent(
        PaymentCompleted,
        { orderId, paymentId: randomUUID(), amountCents: 1 },
        { producer: 'payments', correlationId: orderId },
      ),
    );
    await untilCounted(expected, before);

    const order = await api.finalOrder(orderId);
    expect(order).toMatchObject({
      status: 'CANCELLED',
      totalCents: 6 * 19_900,
      cancellationReason: 'payment failed: insufficient funds',
    });
    const notifications = await eventually(async () => {
      const found = await api.notifications(orderId);
      return found.some((n) => n.inResponseTo === 'OrderCancelled') ? found : undefined;
    });
    expect(notifications.map((n) => n.inResponseTo)).not.toContain('OrderCompleted');
  });

  it('refunds nothing, releases nothing and tells nobody on a forged OrderCancelled for a COMPLETED order', async () => {
    const order = await settledOrder(`completed-${run}`, [{ sku: 'KEYBOARD-01', quantity: 2 }]);
    expect(order.status).toBe('COMPLETED');
    const expected: Array<[ServiceName, string]> = [
      ['payments', 'cancel-after-complete'],
      ['inventory', 'cancel-after-complete'],
      ['notifications', 'cancel-after-complete'],
    ];
    const before = await countsOf(expected);
    const stockBefore = await api.product('KEYBOARD-01');

    await inject(
      createEvent(
        OrderCancelled,
        {
          orderId: order.id,
          customerId: order.customerId,
          reasonCode: 'STOCK_REJECTED',
          reason: 'forged',
        },
        origin(order.id),
      ),
    );
    await untilCounted(expected, before);

    expect(await api.payments(order.id)).toEqual([
      expect.objectContaining({ status: 'COMPLETED', amountCents: 2 * 4999, refundId: null }),
    ]);
    expect(await api.reservations(order.id)).toEqual([
      expect.objectContaining({ status: 'COMMITTED' }),
    ]);
    expect(await api.product('KEYBOARD-01')).toEqual(stockBefore);
    expect((await api.notifications(order.id)).map((n) => n.inResponseTo).sort()).toEqual([
      'OrderCompleted',
      'OrderCreated',
    ]);
    expect((await api.order(order.id)).status).toBe('COMPLETED');
  });

  it('confirms nothing on a forged OrderCompleted for a CANCELLED order', async () => {
    const order: Order = await settledOrder(`cancelled-${run}`, [
      { sku: 'KEYBOARD-01', quantity: 1 },
      { sku: 'SOLD-OUT-01', quantity: 1 },
    ]);
    expect(order.status).toBe('CANCELLED');
    await eventually(async () =>
      (await api.payments(order.id))[0]?.status === 'REFUNDED' ? true : undefined,
    );
    const expected: Array<[ServiceName, string]> = [
      ['payments', 'complete-after-cancel'],
      ['inventory', 'complete-without-reservation'],
      ['notifications', 'complete-after-cancel'],
    ];
    const before = await countsOf(expected);

    await inject(
      createEvent(
        OrderCompleted,
        { orderId: order.id, customerId: order.customerId, totalCents: order.totalCents },
        origin(order.id),
      ),
    );
    await untilCounted(expected, before);

    expect((await api.notifications(order.id)).map((n) => n.inResponseTo)).not.toContain(
      'OrderCompleted',
    );
    expect(await api.payments(order.id)).toEqual([
      expect.objectContaining({ status: 'REFUNDED', orderCompletedAt: null }),
    ]);
    expect(await api.reservations(order.id)).toEqual([
      expect.objectContaining({ status: 'REJECTED' }),
    ]);
  });

  it('holds no stock or money for ever for a forged OrderCreated of an order orders never created', async () => {
    const stockBefore = await api.product('HEADSET-01');
    const before = await countsOf([['orders', 'unknown-order']]);
    const orderId = randomUUID();
    // A consistent total (0 × 500 = 0): payments cannot tell it from a real order, and charges 0.
    await inject(
      createEvent(
        OrderCreated,
        {
          orderId,
          customerId: `mallory-${run}`,
          items: [{ sku: 'HEADSET-01', quantity: 500, unitPriceCents: 0 }],
          totalCents: 0,
        },
        origin(orderId),
      ),
    );

    // Orders counts both results for an order it never created and answers OrderUnknown:
    // inventory releases the 500 headsets and payments refunds what it charged.
    await eventually(
      async () =>
        (await violations('orders', 'unknown-order')) === (before[0] ?? 0) + 2 ? true : undefined,
      { description: 'orders counted both results of the unknown order' },
    );
    await eventually(
      async () => {
        const [reservation] = await api.reservations(orderId);
        const [payment] = await api.payments(orderId);
        return reservation?.status === 'RELEASED' && payment?.status === 'REFUNDED'
          ? true
          : undefined;
      },
      { description: 'the forged order released and refunded' },
    );
    expect(await api.product('HEADSET-01')).toMatchObject({
      available: stockBefore.available,
      reserved: stockBefore.reserved,
    });
    await expect(api.order(orderId)).rejects.toThrow('HTTP 404');
  });

  it("charges nothing for a forged OrderCreated whose total is not its lines' sum", async () => {
    const expected: Array<[ServiceName, string]> = [['payments', 'order-total-mismatch']];
    const before = await countsOf(expected);
    const orderId = randomUUID();
    await inject(
      createEvent(
        OrderCreated,
        {
          orderId,
          customerId: `mallory-${run}`,
          items: [{ sku: 'HEADSET-01', quantity: 3, unitPriceCents: 8900 }],
          totalCents: 1,
        },
        origin(orderId),
      ),
    );
    await untilCounted(expected, before);
    expect(await api.payments(orderId)).toEqual([]);
  });
});

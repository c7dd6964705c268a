import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { startBroker, type RunningBroker } from '@fanout/broker';
import {
  causedBy,
  createEvent,
  encodeEvent,
  eventHeaders,
  type FanoutEvent,
  findEventDefinition,
  PaymentCompleted,
  PaymentFailed,
  ProductUpdated,
  StockRejected,
  StockReserved,
  Topics,
} from '@fanout/contracts';
import { eventually, readTopic } from '@fanout/testing';
import { startEventConsumers } from '@fanout/messaging';
import { InvariantViolations } from '@fanout/observability';
import { createTemporaryDatabase, type TemporaryDatabase } from '@fanout/testing';
import { type Transaction, TransactionRunner } from '@fanout/persistence';
import { type OrdersTestApp, startOrdersTestApp } from '../testing/orders-test-app';

jest.setTimeout(90_000);

/**
 * The orders service against a real broker; the test plays payments and inventory by publishing
 * their result events, and reads what orders publishes back.
 */
describe('order saga (orders app + embedded broker + PostgreSQL)', () => {
  let brokerDir: string;
  let broker: RunningBroker;
  let database: TemporaryDatabase;
  let producer: Producer;
  let service: OrdersTestApp;

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'silent';
    brokerDir = mkdtempSync(join(tmpdir(), 'fanout-broker-'));
    broker = await startBroker({ port: 0, dataDir: brokerDir, logLevel: 'error' });
    database = await createTemporaryDatabase();
    service = await startOrdersTestApp({
      database: { kind: 'postgres', url: database.url },
      kafka: { brokers: [broker.brokers] },
    });
    await startEventConsumers(service.app);
    const kafka = new Kafka({
      clientId: 'test',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
    // The catalogue, as inventory publishes it: orders learns the price from the products topic.
    await publish(
      createEvent(
        ProductUpdated,
        { sku: 'A', name: 'Article A', unitPriceCents: 500 },
        { producer: 'inventory', correlationId: 'A' },
      ),
    );
    const priced = (tx: Transaction) =>
      tx.manager.query(`SELECT 1 FROM catalogue_prices WHERE sku = 'A'`) as Promise<unknown[]>;
    await eventually(async () => (await service.app.get(TransactionRunner).run(priced)).length > 0);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await broker?.close();
    await database?.drop();
    rmSync(brokerDir, { recursive: true, force: true });
  });

  type Cause = { eventId: string; correlationId: string };

  const historyOf = async (id: string) =>
    (await (
      await fetch(`${service.url}/orders/${id}/events`, { headers: service.operator })
    ).json()) as {
      direction: string;
      eventId: string;
      type: string;
      partition: number | null;
      offset: string | null;
    }[];

  /** Places an order for one A (500 cents) and waits until its OrderCreated has left the outbox. */
  async function placeOrder(): Promise<{ id: string; orderCreated: Cause }> {
    const response = await fetch(`${service.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await service.customer('customer-7')) },
      body: JSON.stringify({
        items: [{ sku: 'A', quantity: 1 }],
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const created = await eventually(async () => {
      const [first] = await historyOf(id);
      return first?.offset != null && first;
    });
    expect(created.type).toBe('OrderCreated');
    return { id, orderCreated: { eventId: created.eventId, correlationId: id } };
  }

  async function countOn(topic: string): Promise<number> {
    const admin = new Kafka({
      clientId: 'test',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  async function publish(...events: FanoutEvent[]): Promise<void> {
    for (const event of events) {
      const definition = findEventDefinition(event.type, event.version);
      if (!definition) throw new Error(`no contract for ${event.type}`);
      await producer.send({
        topic: definition.topic,
        messages: [
          {
            key: (definition.keyOf as (p: unknown) => string)(event.payload),
            value: encodeEvent(event),
            headers: eventHeaders(event),
          },
        ],
      });
    }
  }

  const orderStatus = async (id: string) =>
    (await (await fetch(`${service.url}/orders/${id}`, { headers: service.operator })).json()) as {
      status: string;
      cancellationReason: string | null;
    };

  const paymentCompleted = (cause: Cause, orderId: string) =>
    createEvent(
      PaymentCompleted,
      { orderId, paymentId: randomUUID(), amountCents: 500 },
      causedBy(cause, 'payments'),
    );
  const stockReserved = (cause: Cause, orderId: string) =>
    createEvent(
      StockReserved,
      { orderId, reservationId: randomUUID(), items: [{ sku: 'A', quantity: 1 }] },
      causedBy(cause, 'inventory'),
    );

  it('completes an order once payment and stock both succeed, and publishes OrderCompleted', async () => {
    const { id, orderCreated } = await placeOrder();
    const payment = paymentCompleted(orderCreated, id);
    const stock = stockReserved(orderCreated, id);
    await publish(payment);
    // One result is not enough.
    await eventually(async () =>
      (await historyOf(id)).some((entry) => entry.type === 'PaymentCompleted'),
    );
    expect((await orderStatus(id)).status).toBe('PENDING');

    await publish(stock, payment); // the payment again: a redelivery changes nothing
    await eventually(async () => (await orderStatus(id)).status === 'COMPLETED');

    const history = await eventually(async () => {
      const entries = await historyOf(id);
      return (
        entries.length === 4 && entries.every((e: { offset: string | null }) => e.offset) && entries
      );
    });
    expect(
      history.map((e: { direction: string; type: string }) => `${e.direction} ${e.type}`),
    ).toEqual([
      'produced OrderCreated',
      'consumed PaymentCompleted',
      'consumed StockReserved',
      'produced OrderCompleted',
    ]);
    const completed = history[3];
    const onTopic = await readTopic([broker.brokers], Topics.orders, await countOn(Topics.orders));
    const message = onTopic.find((m) => JSON.parse(String(m.value)).eventId === completed.eventId);
    if (!message) throw new Error('OrderCompleted is not on the orders topic');
    expect(message.key).toBe(id);
    expect({ partition: message.partition, offset: message.offset }).toEqual({
      partition: completed.partition,
      offset: completed.offset,
    });
    const event = JSON.parse(String(message.value));
    expect(event).toMatchObject({
      type: 'OrderCompleted',
      correlationId: id,
      causationId: stock.eventId,
      payload: { orderId: id, customerId: 'customer-7', totalCents: 500 },
    });
  });

  it('cancels an order whose payment failed, whatever stock says afterwards', async () => {
    const { id, orderCreated } = await placeOrder();
    await publish(
      createEvent(
        PaymentFailed,
        { orderId: id, paymentId: randomUUID(), amountCents: 500, reason: 'insufficient funds' },
        causedBy(orderCreated, 'payments'),
      ),
    );
    await eventually(async () => (await orderStatus(id)).status === 'CANCELLED');
    expect((await orderStatus(id)).cancellationReason).toBe('payment failed: insufficient funds');

    await publish(stockReserved(orderCreated, id));
    const history = await eventually(async () => {
      const entries = await historyOf(id);
      return entries.length === 4 && entries;
    });
    expect(history.map((e) => e.type)).toEqual([
      'OrderCreated',
      'PaymentFailed',
      'OrderCancelled',
      'StockReserved',
    ]);
    expect((await orderStatus(id)).status).toBe('CANCELLED');
  });

  it('cancels an order when stock is rejected', async () => {
    const { id, orderCreated } = await placeOrder();
    await publish(
      createEvent(
        StockRejected,
        {
          orderId: id,
          reason: 'out of stock: A',
          shortages: [{ sku: 'A', requested: 1, available: 0 }],
        },
        causedBy(orderCreated, 'inventory'),
      ),
    );
    await eventually(async () => (await orderStatus(id)).status === 'CANCELLED');
    expect((await orderStatus(id)).cancellationReason).toBe('stock rejected: out of stock: A');
  });

  it('reports its consumer group, partitions, events handled and lag at GET /status', async () => {
    const status = await eventually(async () => {
      const body = (await (
        await fetch(`${service.url}/status`, { headers: service.operator })
      ).json()) as {
        service: string;
        consumerGroup: string;
        assignedPartitions: Record<string, number[]>;
        eventsProcessed: number;
        lag: Record<string, Record<string, number | null>>;
        totalLag: number | null;
      };
      return body.totalLag === 0 && body;
    });
    const all = [0, 1, 2, 3, 4, 5];
    const caughtUp = { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    expect(status).toMatchObject({
      service: 'orders',
      consumerGroup: 'orders',
      assignedPartitions: { [Topics.payments]: all, [Topics.inventory]: all },
      lag: { [Topics.payments]: caughtUp, [Topics.inventory]: caughtUp },
    });
    expect(status.eventsProcessed).toBeGreaterThanOrEqual(5);
  });

  it('prices an order from the ProductUpdated events it consumed, not from the request', async () => {
    const response = await fetch(`${service.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await service.customer('customer-7')) },
      body: JSON.stringify({ items: [{ sku: 'A', quantity: 3 }] }),
    });
    expect(await response.json()).toMatchObject({
      totalCents: 1500,
      items: [{ sku: 'A', quantity: 3, unitPriceCents: 500 }],
    });
  });

  it('gives an orders service that starts late, with an empty database, every price from the compacted topic', async () => {
    // Another price, published long before the late service exists.
    await publish(
      createEvent(
        ProductUpdated,
        { sku: 'B', name: 'Article B', unitPriceCents: 700 },
        { producer: 'inventory', correlationId: 'B' },
      ),
    );
    const lateDatabase = await createTemporaryDatabase();
    // Its own group: a group with no committed offsets reads products from the beginning.
    const late = await startOrdersTestApp({
      database: { kind: 'postgres', url: lateDatabase.url },
      kafka: { brokers: [broker.brokers], groupId: 'orders-late', clientId: 'orders-late' },
    });
    try {
      await startEventConsumers(late.app);
      const catalogue = await eventually(async () => {
        const response = await fetch(`${late.url}/catalogue`, { headers: late.operator });
        const { items } = (await response.json()) as { items: { sku: string }[] };
        return items.length === 2 && items;
      });
      expect(catalogue).toEqual([
        { sku: 'A', name: 'Article A', unitPriceCents: 500 },
        { sku: 'B', name: 'Article B', unitPriceCents: 700 },
      ]);
    } finally {
      await late.close();
      await lateDatabase.drop();
    }
  });

  it('counts a result for an order that does not exist and answers OrderUnknown (no dead letter)', async () => {
    const violations = service.app.get(InvariantViolations);
    const before = await violations.count('unknown-order');
    const { orderCreated } = await placeOrder();
    const unknownId = randomUUID();
    const forged = paymentCompleted(orderCreated, unknownId);
    await publish(forged);
    await eventually(async () => (await violations.count('unknown-order')) === before + 1);

    // Payments and inventory are told to give back whatever they hold for it.
    const answer = await eventually(async () => {
      const onTopic = await readTopic(
        [broker.brokers],
        Topics.orders,
        await countOn(Topics.orders),
      );
      return onTopic.find((m) => m.key === unknownId);
    });
    expect(JSON.parse(String(answer.value))).toMatchObject({
      type: 'OrderUnknown',
      causationId: forged.eventId,
      payload: { orderId: unknownId, reason: 'PaymentCompleted for an order orders never created' },
    });
    expect(await countOn(`${Topics.payments}.dlt`)).toBe(0);
  });

  it('refuses a payment of another amount than the total, and still takes the real one', async () => {
    const violations = service.app.get(InvariantViolations);
    const before = await violations.count('payment-amount-mismatch');
    const { id, orderCreated } = await placeOrder();
    await publish(
      createEvent(
        PaymentCompleted,
        { orderId: id, paymentId: randomUUID(), amountCents: 1 },
        causedBy(orderCreated, 'payments'),
      ),
      stockReserved(orderCreated, id),
    );
    await eventually(
      async () => (await violations.count('payment-amount-mismatch')) === before + 1,
    );
    expect((await orderStatus(id)).status).toBe('PENDING');

    await publish(paymentCompleted(orderCreated, id));
    await eventually(async () => (await orderStatus(id)).status === 'COMPLETED');
  });
});

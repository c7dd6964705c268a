import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createTestIssuer, type TestIssuer } from '@fanout/auth';
import { configureHttpApp } from '@fanout/chassis';
import {
  createEvent,
  encodeEvent,
  eventHeaders,
  type FanoutEvent,
  findEventDefinition,
  NotificationSent,
  OrderCancelled,
  OrderCompleted,
  OrderCreated,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  serviceDeclarations,
  StockRejected,
  StockReleased,
  StockReserved,
} from '@fanout/contracts';
import { startEventConsumers } from '@fanout/messaging';
import {
  createTemporaryDatabase,
  eventually,
  startTestKafka,
  type TemporaryDatabase,
  type TestKafka,
} from '@fanout/testing';
import { AppModule } from './app.module';
import type { Stats } from './analytics/stats.service';

jest.setTimeout(120_000);

const TOPICS = [...(serviceDeclarations.analytics.readsTopics ?? [])];
const T0 = Date.parse('2026-01-05T10:00:00.000Z');

/** An event as its producer published it, `atMs` after T0 by its own clock. */
function at<TEvent extends FanoutEvent>(event: TEvent, atMs: number): TEvent {
  return { ...event, occurredAt: new Date(T0 + atMs).toISOString() };
}

/** Three orders' whole stories: one completed, one declined, one out of stock (and refunded). */
function orderStories(): FanoutEvent[] {
  const [completed, declined, soldOut] = [randomUUID(), randomUUID(), randomUUID()];
  const by = <TProducer extends 'orders' | 'payments' | 'inventory' | 'notifications'>(
    producer: TProducer,
    correlationId: string,
  ) => ({ producer, correlationId });
  const paymentId = randomUUID();
  const reservation = { reservationId: randomUUID(), items: [{ sku: 'MONITOR-01', quantity: 6 }] };
  return [
    at(
      createEvent(
        OrderCreated,
        {
          orderId: completed,
          customerId: 'alice',
          items: [
            { sku: 'KEYBOARD-01', quantity: 1, unitPriceCents: 4999 },
            { sku: 'CABLE-01', quantity: 2, unitPriceCents: 900 },
          ],
          totalCents: 6799,
        },
        by('orders', completed),
      ),
      0,
    ),
    createEvent(
      PaymentCompleted,
      { orderId: completed, paymentId: randomUUID(), amountCents: 6799 },
      by('payments', completed),
    ),
    createEvent(
      StockReserved,
      {
        orderId: completed,
        reservationId: randomUUID(),
        items: [
          { sku: 'KEYBOARD-01', quantity: 1 },
          { sku: 'CABLE-01', quantity: 2 },
        ],
      },
      by('inventory', completed),
    ),
    at(
      createEvent(
        OrderCompleted,
        { orderId: completed, customerId: 'alice', totalCents: 6799 },
        by('orders', completed),
      ),
      1_500,
    ),
    createEvent(
      NotificationSent,
      {
        orderId: completed,
        notificationId: randomUUID(),
        recipient: 'alice',
        channel: 'email',
        subject: 'Your order is confirmed',
        inResponseTo: 'OrderCompleted',
      },
      by('notifications', completed),
    ),
    at(
      createEvent(
        OrderCreated,
        {
          orderId: declined,
          customerId: 'bob',
          items: [{ sku: 'MONITOR-01', quantity: 6, unitPriceCents: 19900 }],
          totalCents: 119400,
        },
        by('orders', declined),
      ),
      0,
    ),
    createEvent(
      PaymentFailed,
      { orderId: declined, paymentId, amountCents: 119400, reason: 'insufficient funds' },
      by('payments', declined),
    ),
    createEvent(StockReserved, { orderId: declined, ...reservation }, by('inventory', declined)),
    at(
      createEvent(
        OrderCancelled,
        {
          orderId: declined,
          customerId: 'bob',
          reasonCode: 'PAYMENT_FAILED',
          reason: 'payment failed: insufficient funds',
        },
        by('orders', declined),
      ),
      2_000,
    ),
    createEvent(StockReleased, { orderId: declined, ...reservation }, by('inventory', declined)),
    at(
      createEvent(
        OrderCreated,
        {
          orderId: soldOut,
          customerId: 'carol',
          items: [{ sku: 'SOLD-OUT-01', quantity: 1, unitPriceCents: 2500 }],
          totalCents: 2500,
        },
        by('orders', soldOut),
      ),
      0,
    ),
    createEvent(
      PaymentCompleted,
      { orderId: soldOut, paymentId, amountCents: 2500 },
      by('payments', soldOut),
    ),
    createEvent(
      StockRejected,
      {
        orderId: soldOut,
        reason: 'out of stock: SOLD-OUT-01',
        shortages: [{ sku: 'SOLD-OUT-01', requested: 1, available: 0 }],
      },
      by('inventory', soldOut),
    ),
    at(
      createEvent(
        OrderCancelled,
        {
          orderId: soldOut,
          customerId: 'carol',
          reasonCode: 'STOCK_REJECTED',
          reason: 'stock rejected: out of stock: SOLD-OUT-01',
        },
        by('orders', soldOut),
      ),
      500,
    ),
    createEvent(
      PaymentRefunded,
      {
        orderId: soldOut,
        paymentId,
        refundId: randomUUID(),
        amountCents: 2500,
        reason: 'order cancelled: stock rejected',
      },
      by('payments', soldOut),
    ),
  ];
}

/** analytics as main.ts runs it, on the embedded broker and a PostgreSQL database of its own. */
describe('analytics (app + embedded broker + PostgreSQL)', () => {
  let kafka: TestKafka;
  let database: TemporaryDatabase;
  let issuer: TestIssuer;
  let app: INestApplication | undefined;
  let url: string;
  const events = orderStories();

  async function startApp(): Promise<void> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot({
          database: { kind: 'postgres', url: database.url },
          kafka: { brokers: kafka.brokers },
          auth: issuer.config,
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    configureHttpApp(app, { service: 'analytics' });
    await app.init();
    await startEventConsumers(app);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }

  async function stopApp(): Promise<void> {
    await app?.close();
    app = undefined;
  }

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'silent';
    kafka = await startTestKafka();
    database = await createTemporaryDatabase();
    issuer = await createTestIssuer();
    await startApp();
  });

  afterAll(async () => {
    await stopApp();
    await issuer?.dispose();
    await kafka?.close();
    await database?.drop();
  });

  async function publish(event: FanoutEvent): Promise<void> {
    const definition = findEventDefinition(event.type, event.version);
    if (!definition) throw new Error(`${event.type} is not in the contracts`);
    await kafka.producer.send({
      topic: definition.topic,
      messages: [
        {
          key: (definition.keyOf as (payload: unknown) => string)(event.payload),
          value: encodeEvent(event),
          headers: eventHeaders(event),
        },
      ],
    });
  }

  async function stats(): Promise<Stats> {
    const headers = issuer.headersFor(await issuer.operatorToken());
    const response = await fetch(`${url}/stats`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as Stats;
  }

  /** The figures once every event published so far has been applied. */
  const settled = (eventsApplied: number) =>
    eventually(
      async () => {
        const current = await stats();
        return current.eventsApplied === eventsApplied && current;
      },
      { timeoutMs: 60_000, description: `${eventsApplied} events applied` },
    );

  /** Until the group has committed everything on every topic it reads. */
  async function caughtUp(): Promise<void> {
    const admin = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await eventually(
        async () => {
          for (const topic of TOPICS) {
            const ends = await admin.fetchTopicOffsets(topic);
            const [{ partitions }] = await admin.fetchOffsets({
              groupId: 'analytics',
              topics: [topic],
            });
            for (const { partition, high } of ends) {
              const committed = partitions.find((p) => p.partition === partition)?.offset ?? '-1';
              if (Number(high) > 0 && Number(committed) < Number(high)) return false;
            }
          }
          return true;
        },
        { timeoutMs: 60_000, description: 'the analytics group caught up' },
      );
    } finally {
      await admin.disconnect();
    }
  }

  let figures: Stats;

  it('folds the orders, payments, inventory and notifications topics into GET /stats', async () => {
    for (const event of events) await publish(event);

    figures = await settled(events.length);

    expect(figures).toEqual({
      orders: {
        total: 3,
        byStatus: { CANCELLED: 2, COMPLETED: 1 },
        cancelledByReason: { PAYMENT_FAILED: 1, STOCK_REJECTED: 1 },
      },
      revenueCents: 6799,
      unitsSoldBySku: { 'CABLE-01': 2, 'KEYBOARD-01': 1 },
      payments: { declined: 1, refunded: 1 },
      stock: { rejectedOrders: 1, shortagesBySku: { 'SOLD-OUT-01': 1 } },
      notificationsSent: 1,
      timeToFinalStatus: expect.objectContaining({
        count: 3,
        p50Ms: 1_500,
        p95Ms: 2_000,
        maxMs: 2_000,
      }),
      eventsApplied: events.length,
    });
  });

  it('changes nothing for a replayed duplicate', async () => {
    await publish(events[0]);
    await publish(events[3]);
    await caughtUp();

    expect(await stats()).toEqual(figures);
  });

  it('rebuilds the same figures from the log after the group is reset to the earliest offsets', async () => {
    await caughtUp();
    await stopApp();
    // A projection gone wrong: the rebuild must drop it, not add to it.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO order_facts (order_id, status, total_cents) VALUES ($1, 'COMPLETED', 999999)`,
      [randomUUID()],
    );
    await client.end();
    const admin = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      for (const topic of TOPICS) {
        await admin.resetOffsets({ groupId: 'analytics', topic, earliest: true });
      }
    } finally {
      await admin.disconnect();
    }

    await startApp();

    expect(await settled(events.length)).toEqual(figures);
  });
});

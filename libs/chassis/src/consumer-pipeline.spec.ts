import { randomUUID } from 'node:crypto';
import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import {
  createEvent,
  encodeEvent,
  type EventOfType,
  eventHeaders,
  type FanoutEvent,
  OrderCancelled,
  OrderCreated,
  Topics,
} from '@fanout/contracts';
import { TransactionRunner } from '@fanout/persistence';
import {
  DeadLetterHeaders,
  EventConsumer,
  PoisonEventError,
  startEventConsumers,
} from '@fanout/messaging';
import {
  createTemporaryDatabase,
  eventually,
  type ReadMessage,
  readTopic,
  startTestKafka,
  type TemporaryDatabase,
  type TestKafka,
} from '@fanout/testing';
import { startProbeApp } from './testing/probe-app';

jest.setTimeout(90_000);

/** Fails the first attempt of every "flaky" event, to exercise the retry path. */
const failedOnce = new Set<string>();

@Controller()
class ProbeEventsController {
  constructor(private readonly consumer: EventConsumer) {}

  @EventPattern(Topics.orders)
  onOrders(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: async (event, tx) => {
        const { customerId } = event.payload;
        if (customerId === 'poison') throw new PoisonEventError('customer is blocked');
        if (customerId === 'broken') throw new Error('bug in the handler');
        if (customerId === 'flaky' && !failedOnce.has(event.eventId)) {
          failedOnce.add(event.eventId);
          throw new Error('transient failure');
        }
        // Not idempotent on its own: only the inbox keeps a redelivery from adding a second row.
        await tx.manager.query(`INSERT INTO effects (event_id) VALUES ($1)`, [event.eventId]);
      },
    });
  }
}

const orderCreated = (customerId: string, orderId = randomUUID()): EventOfType<'OrderCreated'> =>
  createEvent(
    OrderCreated,
    { orderId, customerId, items: [{ sku: 'A', quantity: 1, unitPriceCents: 1 }], totalCents: 1 },
    { producer: 'orders', correlationId: orderId },
  );

describe('consumer pipeline (NestJS Kafka transport + PostgreSQL + embedded broker)', () => {
  let kafka: TestKafka;
  let database: TemporaryDatabase;
  let app: INestApplication;
  let transactions: TransactionRunner;
  const deadLetterTopic = `${Topics.orders}.dlt`;
  // Published before the group first joins (see the first test).
  const early = orderCreated('early');

  // Each test uses a key of its own: its messages land on one partition, in order, and its dead
  // letters can be told apart from other tests' (each test stands alone, in any order).
  const publish = (key: string, ...values: (string | FanoutEvent)[]) =>
    kafka.producer.send({
      topic: Topics.orders,
      messages: values.map((value) =>
        typeof value === 'string'
          ? { key, value }
          : { key, value: encodeEvent(value), headers: eventHeaders(value) },
      ),
    });

  const effectsOf = async (eventId: string): Promise<number> => {
    const [row] = await transactions.run((tx) =>
      tx.manager.query(`SELECT count(*)::int AS n FROM effects WHERE event_id = $1`, [eventId]),
    );
    return row.n;
  };

  /** Every dead letter so far (the topic's end, as the admin client sees it now). */
  const allDeadLetters = async (): Promise<ReadMessage[]> => {
    const admin = new Kafka({
      clientId: 'test',
      brokers: kafka.brokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(deadLetterTopic);
      const count = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      return count === 0 ? [] : await readTopic(kafka.brokers, deadLetterTopic, count);
    } finally {
      await admin.disconnect();
    }
  };

  /** The dead letters of `key`, once there are at least `count` of them. */
  const deadLettersOf = (key: string, count: number) =>
    eventually(
      async () => {
        const parked = (await allDeadLetters()).filter((message) => message.key === key);
        return parked.length >= count ? parked : undefined;
      },
      { description: `${count} dead letters keyed ${key}` },
    );

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createTemporaryDatabase();
    app = await startProbeApp({
      controller: ProbeEventsController,
      databaseUrl: database.url,
      brokers: kafka.brokers,
      groupId: `probe-${randomUUID()}`,
    });
    transactions = app.get(TransactionRunner);
    await publish(randomUUID(), early);
    await startEventConsumers(app);
  });

  afterAll(async () => {
    await app?.close();
    await kafka?.close();
    await database?.drop();
  });

  it('processes events published before the consumer group first joined (fromBeginning)', async () => {
    await eventually(async () => (await effectsOf(early.eventId)) === 1);
  });

  it('parks broken messages in orders.dlt, says why, and carries on', async () => {
    const invalidPayload = { ...orderCreated('bad'), payload: { orderId: 'x' } };
    const after = orderCreated('after');
    const key = randomUUID();
    await publish(key, '{not json', JSON.stringify(invalidPayload), orderCreated('poison'), after);
    await eventually(async () => (await effectsOf(after.eventId)) === 1);

    const parked = await deadLettersOf(key, 3);
    expect(parked).toHaveLength(3);
    expect(parked.map((m) => m.headers[DeadLetterHeaders.reason])).toEqual([
      'not-json',
      'invalid-payload',
      'rejected-by-handler',
    ]);
    expect(parked[0].value).toBe('{not json');
    expect(parked[1].headers[DeadLetterHeaders.error]).toMatch(/orderId/);
    expect(parked[2].headers[DeadLetterHeaders.error]).toBe('customer is blocked');
    expect(parked[2].headers['event-type']).toBe('OrderCreated');
    expect(parked.map((m) => m.headers[DeadLetterHeaders.attempts])).toEqual(['1', '1', '1']);
    for (const message of parked) {
      expect(message.headers[DeadLetterHeaders.originalTopic]).toBe(Topics.orders);
      expect(Number(message.headers[DeadLetterHeaders.originalOffset])).toBeGreaterThanOrEqual(0);
    }
  });

  it('has no second effect when an event is delivered again', async () => {
    const once = orderCreated('once');
    const marker = orderCreated('marker');
    await publish(randomUUID(), once, once, once, marker);
    await eventually(async () => (await effectsOf(marker.eventId)) === 1);
    expect(await effectsOf(once.eventId)).toBe(1);
  });

  it('retries a handler that fails transiently, then processes the event once', async () => {
    const flaky = orderCreated('flaky');
    await publish(randomUUID(), flaky);
    await eventually(async () => (await effectsOf(flaky.eventId)) === 1);
    expect(failedOnce.has(flaky.eventId)).toBe(true);
  });

  it('dead-letters an event whose handler keeps failing, after 3 attempts with backoff', async () => {
    const broken = orderCreated('broken');
    const after = orderCreated('after-broken');
    const key = randomUUID();
    const started = Date.now();
    await publish(key, broken, after);
    await eventually(async () => (await effectsOf(after.eventId)) === 1);
    // Backoff 200 ms, then 400 ms, before the third and last attempt.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    const parked = await deadLettersOf(key, 1);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'handler-failed',
      [DeadLetterHeaders.attempts]: '3',
      [DeadLetterHeaders.error]: 'bug in the handler',
      'event-id': broken.eventId,
    });
  });

  it('skips event types it does not handle or know, without dead-lettering them', async () => {
    const unknown = { ...orderCreated('future'), type: 'OrderRefunded' };
    const orderId = randomUUID();
    // Known to this build, but the probe has no handler for it.
    const unhandled = createEvent(
      OrderCancelled,
      { orderId, customerId: 'c', reasonCode: 'PAYMENT_FAILED', reason: 'declined' },
      { producer: 'orders', correlationId: orderId },
    );
    const marker = orderCreated('marker-2');
    const key = randomUUID();
    await publish(key, JSON.stringify(unknown), unhandled, marker);
    await eventually(async () => (await effectsOf(marker.eventId)) === 1);
    // A dead letter is published before the consumer moves past its event, so by the time the
    // marker took effect, any dead letter of the two before it would be there.
    const parked = (await allDeadLetters()).filter((message) => message.key === key);
    expect(parked).toEqual([]);
    expect(await effectsOf(unknown.eventId)).toBe(0);
  });

  it('handles a backlog in batches: one transaction for many events, each event once', async () => {
    const registry = app.get<Registry>(Registry);
    const before = await metricTotals(registry);
    const backlog = Array.from({ length: 30 }, (_, i) => orderCreated(`backlog-${i}`));
    await publish(randomUUID(), ...backlog);
    await eventually(async () => (await effectsOf(backlog[29].eventId)) === 1);
    for (const event of backlog) expect(await effectsOf(event.eventId)).toBe(1);
    const after = await metricTotals(registry);
    // Fetched together, the 30 events went through fewer transactions than events.
    expect(after.batchedEvents - before.batchedEvents).toBe(30);
    expect(after.batches - before.batches).toBeLessThan(30);
  });

  it('processes a failed batch again one event at a time: the bad one parked, the others once', async () => {
    const registry = app.get<Registry>(Registry);
    const before = await metricTotals(registry);
    const first = orderCreated('first');
    const last = orderCreated('last');
    const key = randomUUID();
    await publish(key, first, orderCreated('poison'), last);
    await eventually(async () => (await effectsOf(last.eventId)) === 1);
    expect(await effectsOf(first.eventId)).toBe(1);
    expect((await metricTotals(registry)).fallbacks - before.fallbacks).toBe(1);
    const parked = await deadLettersOf(key, 1);
    expect(parked.map((message) => message.headers[DeadLetterHeaders.reason])).toEqual([
      'rejected-by-handler',
    ]);
  });
});

async function metricTotals(
  registry: Registry,
): Promise<{ batches: number; batchedEvents: number; fallbacks: number }> {
  const total = async (name: string, pick: (metricName: string | undefined) => boolean) => {
    const metric = registry.getSingleMetric(name);
    if (!metric) return 0;
    const { values } = await metric.get();
    return values
      .filter((value) => pick((value as { metricName?: string }).metricName))
      .reduce((sum, value) => sum + value.value, 0);
  };
  return {
    batches: await total(
      'fanout_consumer_batch_events',
      (name) => name === 'fanout_consumer_batch_events_count',
    ),
    batchedEvents: await total(
      'fanout_consumer_batch_events',
      (name) => name === 'fanout_consumer_batch_events_sum',
    ),
    fallbacks: await total('fanout_consumer_batch_fallbacks_total', () => true),
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { startBroker, type RunningBroker } from '@fanout/broker';
import { createEvent, OrderCreated, Topics } from '@fanout/contracts';
import { createTemporaryDatabase, type TemporaryDatabase } from '@fanout/testing';
import { TransactionRunner } from '@fanout/persistence';
import { Outbox, OutboxMessage, OutboxRelay, TopicAdmin } from '@fanout/messaging';
import { eventually, readTopic } from '@fanout/testing';
import { FanoutServiceModule } from './fanout-service.module';

const orderCreated = (orderId: string) =>
  createEvent(
    OrderCreated,
    {
      orderId,
      customerId: 'customer-1',
      items: [{ sku: 'A', quantity: 1, unitPriceCents: 100 }],
      totalCents: 100,
    },
    { producer: 'orders', correlationId: orderId },
  );

jest.setTimeout(60_000);

describe('outbox relay (PostgreSQL + embedded broker)', () => {
  let brokerDir: string;
  let broker: RunningBroker;
  let database: TemporaryDatabase;
  let app: INestApplication;
  let transactions: TransactionRunner;
  let outbox: Outbox;

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'silent';
    brokerDir = mkdtempSync(join(tmpdir(), 'fanout-broker-'));
    broker = await startBroker({ port: 0, dataDir: brokerDir, logLevel: 'error' });
    database = await createTemporaryDatabase();
    app = await createApp();
    transactions = app.get(TransactionRunner);
    outbox = app.get(Outbox);
  });

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await database?.drop();
    rmSync(brokerDir, { recursive: true, force: true });
  });

  async function createApp(): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FanoutServiceModule.forRoot({
          service: 'orders',
          entities: [],
          migrations: [],
          database: { kind: 'postgres', url: database.url },
          kafka: { brokers: [broker.brokers] },
          // The relay is under test here, not its callers.
          auth: { disabled: true },
        }),
      ],
    }).compile();
    const instance = moduleRef.createNestApplication({ logger: false });
    await instance.get(TopicAdmin).ensureTopics();
    await instance.init();
    return instance;
  }

  const rowOf = (eventId: string) =>
    transactions.run((tx) => tx.manager.findOneByOrFail(OutboxMessage, { eventId }));

  it('publishes committed events in order, keyed, with headers, and records their offsets', async () => {
    const orderId = '11111111-1111-4111-8111-111111111111';
    const events = [orderCreated(orderId), orderCreated(orderId), orderCreated(orderId)];
    await transactions.run((tx) => outbox.add(tx, ...events));

    const rows = await eventually(async () => {
      const found = await Promise.all(events.map((event) => rowOf(event.eventId)));
      return found.every((row) => row.publishedAt !== null) && found;
    });
    const messages = await readTopic([broker.brokers], Topics.orders, 3);
    expect(messages.map((m) => JSON.parse(String(m.value)).eventId)).toEqual(
      events.map((e) => e.eventId),
    );
    messages.forEach((message, index) => {
      expect(message.key).toBe(orderId);
      expect(message.headers['event-type']).toBe('OrderCreated');
      expect(message.headers['event-id']).toBe(events[index].eventId);
      expect({ partition: message.partition, offset: message.offset }).toEqual({
        partition: rows[index].partition,
        offset: rows[index].offset,
      });
    });
  });

  it('ensures topics idempotently (a restart finds them all)', async () => {
    await expect(app.get(TopicAdmin).ensureTopics()).resolves.toBeUndefined();
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const event = orderCreated('22222222-2222-4222-8222-222222222222');
    await expect(
      transactions.run(async (tx) => {
        await outbox.add(tx, event);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const count = await transactions.run((tx) =>
      tx.manager.countBy(OutboxMessage, { eventId: event.eventId }),
    );
    expect(count).toBe(0);
  });

  it('publishes each event once and in order when two instances share the database', async () => {
    const other = await createApp();
    try {
      const orderId = '44444444-4444-4444-8444-444444444444';
      const events = Array.from({ length: 30 }, () => orderCreated(orderId));
      const instances = [app, other];
      // Alternate instances, one transaction per event: both relays are woken all the time.
      for (const [index, event] of events.entries()) {
        const instance = instances[index % 2] ?? app;
        await instance.get(TransactionRunner).run((tx) => instance.get(Outbox).add(tx, event));
      }
      await eventually(async () => {
        const rows = await Promise.all(events.map((event) => rowOf(event.eventId)));
        return rows.every((row) => row.publishedAt !== null);
      });
      const onPartition = (await readTopic([broker.brokers], Topics.orders, 3 + events.length))
        .filter((message) => message.key === orderId)
        .map((message) => JSON.parse(String(message.value)).eventId);
      expect(onPartition).toEqual(events.map((event) => event.eventId));
    } finally {
      await other.close();
    }
  });

  it('lets another instance publish once the publishing one stops', async () => {
    const other = await createApp();
    try {
      await app.get(OutboxRelay).stop();
      const event = orderCreated('55555555-5555-4555-8555-555555555555');
      await other.get(TransactionRunner).run((tx) => other.get(Outbox).add(tx, event));
      const row = await eventually(async () => {
        const found = await rowOf(event.eventId);
        return found.publishedAt !== null && found;
      });
      expect(row.attempts).toBe(1);
    } finally {
      app.get(OutboxRelay).start();
      await other.close();
    }
  });

  it('keeps events while Kafka is down and publishes them once it is back', async () => {
    const port = broker.port;
    await broker.close();
    const event = orderCreated('33333333-3333-4333-8333-333333333333');
    await transactions.run((tx) => outbox.add(tx, event));
    const failing = await eventually(async () => {
      const row = await rowOf(event.eventId);
      return row.attempts > 0 && row.lastError !== null && row;
    });
    expect(failing.publishedAt).toBeNull();

    broker = await startBroker({ port, dataDir: brokerDir, logLevel: 'error' });
    const published = await eventually(
      async () => {
        const row = await rowOf(event.eventId);
        return row.publishedAt !== null && row;
      },
      { timeoutMs: 40_000 },
    );
    expect(published.lastError).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { kafkaClient } from '../support/kafka-clients';
import { awaitSettled } from './support/effects-audit';
import { recordFigures } from './support/figures';
import { OrderStream, payableOrder, placeOrder } from './support/order-load';
import { FAILURE_SCENARIOS } from '../support/fanout-system';
import { useFanoutSystem } from '../support/use-fanout-system';

jest.setTimeout(240_000);

const OUTAGE_MS = 10_000;

describe('failure isolation: the broker is down', () => {
  const { system, probe } = useFanoutSystem(FAILURE_SCENARIOS);

  /** Orders whose OrderCreated is on the orders topic, and how many copies of it there are. */
  const publishedOrderCreated = async (orderIds: readonly string[]) => {
    const wanted = new Set(orderIds);
    const copies = new Map<string, number>();
    for (const event of await probe().eventsOn(Topics.orders)) {
      if (event.type === 'OrderCreated' && wanted.has(event.orderId)) {
        copies.set(event.orderId, (copies.get(event.orderId) ?? 0) + 1);
      }
    }
    return copies;
  };

  it('answers every order during a 10 s outage and settles them all once the broker is back', async () => {
    const customerId = `broker-outage-${randomUUID().slice(0, 8)}`;
    const stream = new OrderStream(system().api, customerId, { intervalMs: 100 });
    await eventually(async () => (stream.orderIds.length >= 5 ? true : undefined), {
      description: 'the order stream under way',
    });
    await system().stopBroker();
    await delay(OUTAGE_MS); // the outage itself
    await system().startBroker();
    const brokerBackAt = Date.now();
    await stream.stop();

    expect(stream.statuses.filter((status) => status !== 201)).toEqual([]);
    const { audit } = await awaitSettled(system(), stream.orderIds, 120_000);
    const settledAfterBrokerBackMs = Date.now() - brokerBackAt;
    const published = await publishedOrderCreated(stream.orderIds);

    expect(audit).toMatchObject({ pending: 0, lost: 0, duplicates: 0 });
    expect(audit.completed + audit.cancelled).toBe(stream.orderIds.length);
    expect(published.size).toBe(stream.orderIds.length);
    recordFigures('broker-outage-10s', {
      requests: stream.statuses.length,
      answered201: stream.statuses.filter((status) => status === 201).length,
      orders: audit.orders,
      completed: audit.completed,
      cancelled: audit.cancelled,
      lostEvents: stream.orderIds.length - published.size,
      duplicateEffects: audit.duplicates,
      republishedCopies: [...published.values()].reduce((sum, n) => sum + n - 1, 0),
      settledAfterBrokerBackMs,
    });
  });

  it('publishes, after a restart, the events orders committed but was killed before publishing', async () => {
    const customerId = `orders-crash-${randomUUID().slice(0, 8)}`;
    await system().stopBroker();
    const orderIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      orderIds.push(await placeOrder(system().api, payableOrder(customerId)));
    }
    // Committed, not published: the relay cannot reach the broker.
    const unpublished = await system().query<{ n: string }>(
      'orders',
      'SELECT count(*) AS n FROM outbox_messages WHERE message_key = ANY($1::text[]) AND published_at IS NULL',
      [orderIds],
    );
    expect(Number(unpublished[0].n)).toBe(orderIds.length);

    await system().kill('orders');
    await system().startBroker();
    const restartedAt = Date.now();
    await system().restart('orders');
    const { audit } = await awaitSettled(system(), orderIds, 120_000);
    const restartToSettledMs = Date.now() - restartedAt;
    const published = await publishedOrderCreated(orderIds);

    expect(audit).toMatchObject({ completed: orderIds.length, lost: 0, duplicates: 0 });
    expect(published.size).toBe(orderIds.length);
    await eventually(
      async () => {
        const [row] = await system().query<{ n: string }>(
          'orders',
          'SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL',
        );
        return Number(row.n) === 0 ? true : undefined;
      },
      { description: 'orders outbox empty' },
    );
    recordFigures('orders-killed-before-publish', {
      orders: orderIds.length,
      committedUnpublishedAtKill: Number(unpublished[0].n),
      publishedAfterRestart: published.size,
      completed: audit.completed,
      lost: orderIds.length - published.size,
      duplicateEffects: audit.duplicates,
      restartToSettledMs,
    });
  });

  // The broker's data directory keeps its SCRAM credentials and ACLs (the embedded broker's
  // files, Apache Kafka's metadata log): after the restarts above, the services got back in on
  // their own principals (the orders settled), and nobody else did.
  it('authenticates and authorizes as before once it is back', async () => {
    const retry = { retries: 1, initialRetryTime: 100 };
    const send = async (kafka: Kafka) => {
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      try {
        await producer.connect();
        await producer.send({
          topic: Topics.payments,
          acks: -1,
          messages: [{ key: randomUUID(), value: 'forged' }],
        });
      } finally {
        await producer.disconnect();
      }
    };
    const anonymous = new Kafka({
      clientId: 'anonymous',
      brokers: system().kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 5_000,
      retry,
    });

    // No SASL on a SASL listener: the broker closes the connection before any request.
    await expect(send(anonymous)).rejects.toThrow();
    await expect(
      send(kafkaClient(system(), 'inventory', { clientId: 'not-payments', retry })),
    ).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    await expect(send(kafkaClient(system(), 'payments', { retry }))).resolves.toBeUndefined();
  });
});

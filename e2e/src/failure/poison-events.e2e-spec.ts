import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createEvent,
  deadLetterTopic,
  encodeEvent,
  eventHeaders,
  type FanoutEvent,
  OrderCreated,
  PaymentCompleted,
  StockReserved,
  Topics,
} from '@fanout/contracts';
import { OPERATOR } from '@fanout/kafka-runner';
import { eventually } from '@fanout/testing';
import { FAILURE_SCENARIOS, type ServiceName } from '../support/fanout-system';
import { kafkaEnv } from '../support/kafka-clients';
import { awaitSettled } from './support/effects-audit';
import { recordFigures } from './support/figures';
import type { TopicRecord } from '../support/kafka-probe';
import { payableOrder, placeOrder } from './support/order-load';
import { useFanoutSystem } from '../support/use-fanout-system';

jest.setTimeout(180_000);

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Who consumes each topic: each of these groups parks its own copy of a broken message. */
const CONSUMER_GROUPS: Record<string, ServiceName[]> = {
  [Topics.orders]: ['payments', 'inventory', 'notifications'],
  [Topics.payments]: ['orders'],
  [Topics.inventory]: ['orders'],
};

/** A valid event of the topic, then the same event with a payload its schema rejects. */
function brokenMessages(
  topic: string,
): Array<{ key: string; value: string; headers?: Record<string, string> }> {
  const orderId = randomUUID();
  const origin = { producer: 'orders' as const, correlationId: orderId };
  const valid: FanoutEvent =
    topic === Topics.orders
      ? createEvent(
          OrderCreated,
          {
            orderId,
            customerId: 'poison',
            items: [{ sku: 'KEYBOARD-01', quantity: 1, unitPriceCents: 1 }],
            totalCents: 1,
          },
          origin,
        )
      : topic === Topics.payments
        ? createEvent(
            PaymentCompleted,
            { orderId, paymentId: randomUUID(), amountCents: 1 },
            origin,
          )
        : createEvent(
            StockReserved,
            { orderId, reservationId: randomUUID(), items: [{ sku: 'KEYBOARD-01', quantity: 1 }] },
            origin,
          );
  const wrongSchema = JSON.parse(encodeEvent(valid)) as { payload: Record<string, unknown> };
  wrongSchema.payload['orderId'] = 42;
  return [
    { key: orderId, value: '{"eventId": "not even json' },
    { key: orderId, value: JSON.stringify(wrongSchema), headers: eventHeaders(valid) },
  ];
}

const headersOf = (record: TopicRecord) => record.headers;

describe('failure isolation: poison events', () => {
  const { system, probe } = useFanoutSystem(FAILURE_SCENARIOS);

  const groupsCaughtUp = () =>
    eventually(
      async () => {
        for (const [topic, groups] of Object.entries(CONSUMER_GROUPS)) {
          for (const group of groups) {
            if ((await probe().lag(group, topic)) !== 0) return undefined;
          }
        }
        return true;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'every group at lag 0' },
    );

  it('parks bad JSON and schema violations on <topic>.dlt, with why and where, and moves on', async () => {
    const started = Date.now();
    for (const topic of Object.keys(CONSUMER_GROUPS)) {
      await probe().produce(topic, brokenMessages(topic));
    }
    const healthy = await placeOrder(system().api, payableOrder(`after-poison-${randomUUID()}`));

    for (const [topic, groups] of Object.entries(CONSUMER_GROUPS)) {
      const parked = await eventually(
        async () => {
          const records = await probe().readAll(deadLetterTopic(topic));
          return records.length >= 2 * groups.length ? records : undefined;
        },
        { timeoutMs: 60_000, description: `dead letters on ${deadLetterTopic(topic)}` },
      );
      expect(parked).toHaveLength(2 * groups.length);
      expect(new Set(parked.map((record) => headersOf(record)['dlt-consumer-group']))).toEqual(
        new Set(groups),
      );
      for (const record of parked) {
        expect(headersOf(record)).toMatchObject({
          'dlt-original-topic': topic,
          'dlt-original-partition': expect.stringMatching(/^\d+$/),
          'dlt-original-offset': expect.stringMatching(/^\d+$/),
          'dlt-reason': expect.any(String),
          'dlt-error': expect.any(String),
          'dlt-attempts': '1',
        });
      }
    }
    await groupsCaughtUp();
    const order = await system().api.finalOrder(healthy, 60_000);
    expect(order.status).toBe('COMPLETED');
    recordFigures('poison-invalid-messages', {
      poisonMessages: 2 * Object.keys(CONSUMER_GROUPS).length,
      deadLetters: Object.values(CONSUMER_GROUPS).reduce((sum, g) => sum + 2 * g.length, 0),
      lagAfter: 0,
      otherOrderStatus: order.status,
      msToAllGroupsCaughtUp: Date.now() - started,
    });
  });

  it('dead-letters an event its handler always fails on, and replays it once the cause is fixed', async () => {
    const poisonCustomer = `poison-${randomUUID().slice(0, 8)}`;
    // The cause: a database rule that rejects this customer's payments (think: a bad migration).
    await system().query(
      'payments',
      `CREATE FUNCTION reject_poison_customer() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.customer_id LIKE 'poison-%' THEN RAISE EXCEPTION 'payments rule rejects %', NEW.customer_id; END IF;
         RETURN NEW;
       END $$`,
    );
    await system().query(
      'payments',
      'CREATE TRIGGER reject_poison_customer BEFORE INSERT ON payments FOR EACH ROW EXECUTE FUNCTION reject_poison_customer()',
    );

    const poisoned = await placeOrder(system().api, payableOrder(poisonCustomer));
    const others: string[] = [];
    for (let i = 0; i < 5; i++) {
      others.push(await placeOrder(system().api, payableOrder(`bystander-${randomUUID()}`)));
    }
    const [{ event_id: eventId }] = await system().query<{ event_id: string }>(
      'orders',
      "SELECT event_id FROM outbox_messages WHERE message_key = $1 AND event_type = 'OrderCreated'",
      [poisoned],
    );
    const parked = await eventually(
      async () =>
        (await probe().readAll(deadLetterTopic(Topics.orders))).find(
          (record) => record.headers['event-id'] === eventId,
        ),
      { timeoutMs: 60_000, description: 'the failing event dead-lettered' },
    );
    expect(parked.headers).toMatchObject({
      'dlt-consumer-group': 'payments',
      'dlt-reason': 'handler-failed',
      'dlt-attempts': '3',
      'dlt-error': expect.stringContaining('payments rule rejects'),
    });
    await groupsCaughtUp();
    const { audit: bystanders } = await awaitSettled(system(), others);
    expect(bystanders).toMatchObject({ completed: others.length, lost: 0, duplicates: 0 });
    expect((await system().api.order(poisoned)).status).toBe('PENDING');

    // The fix, then the replay, with the real tool.
    await system().query('payments', 'DROP TRIGGER reject_poison_customer ON payments');
    const dlt = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['-r', '@swc-node/register', 'tools/dlt/src/main.ts', ...args],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, NODE_OPTIONS: '', ...kafkaEnv(system(), OPERATOR) },
        },
      );
    const listed = await dlt('list', Topics.orders);
    expect(listed.stdout).toContain(`event ${eventId}`);
    const replayStarted = Date.now();
    const replayed = await dlt('replay', Topics.orders, '--event', eventId);
    expect(replayed.stdout).toContain('1 dead letter(s) replayed');

    const { audit } = await awaitSettled(system(), [poisoned, ...others]);
    expect(audit).toMatchObject({ completed: others.length + 1, lost: 0, duplicates: 0 });
    recordFigures('poison-handler-fails-then-replayed', {
      orders: others.length + 1,
      deadLettered: 1,
      bystandersCompleted: bystanders.completed,
      completedAfterReplay: audit.completed,
      duplicates: audit.duplicates,
      replayToCompletedMs: Date.now() - replayStarted,
    });
  });
});

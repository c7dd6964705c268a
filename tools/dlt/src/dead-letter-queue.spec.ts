import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker } from '@fanout/broker';
import { readTopicToEnd, startApacheKafka } from '@fanout/kafka-runner';
import { DeadLetterHeaders } from '@fanout/messaging';
import { listDeadLetters, replayDeadLetters } from './dead-letter-queue';

/** E2E_BROKER=apache: against Apache Kafka (tools/kafka), as `npm run test:e2e:apache` runs it. */
const onApacheKafka = process.env['E2E_BROKER'] === 'apache';

// Apache Kafka's JVM takes up to a minute to be ready on a busy 2-core machine.
jest.setTimeout(onApacheKafka ? 240_000 : 60_000);

const REPO_ROOT = resolve(__dirname, '../../..');

/** What the consumer pipeline's DeadLetterPublisher writes, for a given group. */
const parked = (group: string, value: string, eventId: string | null, offset: string) => ({
  key: 'order-1',
  value,
  headers: {
    ...(eventId ? { 'event-id': eventId, 'event-type': 'OrderCreated' } : {}),
    [DeadLetterHeaders.reason]: 'handler-failed',
    [DeadLetterHeaders.error]: 'boom',
    [DeadLetterHeaders.originalTopic]: 'orders',
    [DeadLetterHeaders.originalPartition]: '3',
    [DeadLetterHeaders.originalOffset]: offset,
    [DeadLetterHeaders.consumerGroup]: group,
    [DeadLetterHeaders.attempts]: '3',
  },
});

/** The broker under test, in `dataDir`: its `host:port` and how to stop it. */
async function startTestBroker(
  dataDir: string,
): Promise<{ brokers: string; close(): Promise<void> }> {
  if (!onApacheKafka) return startBroker({ port: 0, dataDir, logLevel: 'error' });
  const kafka = await startApacheKafka({ dataDir, readyTimeoutMs: 180_000 });
  return { brokers: kafka.brokers, close: () => kafka.stop() };
}

describe(`dead-letter tool (${onApacheKafka ? 'Apache Kafka' : 'embedded broker'})`, () => {
  let dataDir: string;
  let broker: { brokers: string; close(): Promise<void> };
  let kafka: Kafka;
  const eventId = randomUUID();
  const eventValue = JSON.stringify({ eventId, type: 'OrderCreated' });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fanout-dlt-'));
    broker = await startTestBroker(dataDir);
    kafka = new Kafka({ brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: ['orders', 'orders.dlt'].map((topic) => ({
        topic,
        numPartitions: 6,
        replicationFactor: 1,
      })),
      // Apache Kafka answers CreateTopics before the partitions have leaders.
      waitForLeaders: true,
    });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'orders.dlt',
      messages: [
        parked('payments', eventValue, eventId, '7'),
        parked('inventory', eventValue, eventId, '7'),
        parked('payments', '{not json', null, '8'),
      ],
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    await broker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every dead letter with why and where it came from', async () => {
    const letters = await listDeadLetters(kafka, 'orders');

    expect(letters).toHaveLength(3);
    expect(letters[0]).toMatchObject({
      eventId,
      eventType: 'OrderCreated',
      key: 'order-1',
      reason: 'handler-failed',
      error: 'boom',
      consumerGroup: 'payments',
      original: { topic: 'orders', partition: 3, offset: '7' },
      attempts: 3,
    });
    expect(letters[2]).toMatchObject({ eventId: null, consumerGroup: 'payments' });
  });

  it('replays one event once, with its key, value and event headers, to the original topic', async () => {
    const result = await replayDeadLetters(kafka, 'orders.dlt', { eventId });

    expect(result.replayed).toHaveLength(1);
    expect(result.duplicates).toHaveLength(1);
    const onOrders = await readTopicToEnd(kafka, 'orders');
    expect(onOrders).toHaveLength(1);
    const [{ message }] = onOrders;
    expect(message.key?.toString()).toBe('order-1');
    expect(message.value?.toString()).toBe(eventValue);
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    expect(headers).toMatchObject({ 'event-id': eventId, 'event-type': 'OrderCreated' });
    expect(headers['dlt-replayed-from']).toMatch(/^orders\.dlt:\d+:0$/);
    expect(
      Object.keys(headers).filter(
        (name) => name.startsWith('dlt-') && name !== 'dlt-replayed-from',
      ),
    ).toEqual([]);
  });

  it('replays only what the group filter selects', async () => {
    const result = await replayDeadLetters(kafka, 'orders', { consumerGroup: 'inventory' });

    expect(result.replayed.map((letter) => letter.consumerGroup)).toEqual(['inventory']);
  });

  it('runs as `npm run dlt -- list|replay` against KAFKA_BROKERS', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['-r', '@swc-node/register', 'tools/dlt/src/main.ts', ...args],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, NODE_OPTIONS: '', KAFKA_BROKERS: broker.brokers },
        },
      );

    const listed = await run('list', 'orders');
    expect(listed.stdout).toContain(`event ${eventId}`);
    expect(listed.stdout).toContain('group    inventory');
    expect(listed.stdout).toContain('reason   handler-failed after 3 attempt(s)');
    expect(listed.stdout).toContain('3 dead letter(s) on orders.dlt');

    const replayed = await run('replay', 'orders', '--event', eventId);
    expect(replayed.stdout).toContain(
      '1 dead letter(s) replayed (1 copies parked by other groups not sent again)',
    );

    await expect(run('purge', 'orders')).rejects.toMatchObject({ code: 2 });
  });
});

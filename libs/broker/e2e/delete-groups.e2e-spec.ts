import type { Admin, Kafka } from 'kafkajs';
import { consumeValues } from './support/consume';
import { fastConsumer, kafkaClient } from './support/kafka-client';
import { tempDir } from './support/temp-dir';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { waitUntil } from './support/wait-until';

jest.setTimeout(60_000);

const TOPIC = 'invoices';
const values = (count: number) => Array.from({ length: count }, (_, i) => `invoice-${i}`);

describe('kafkajs admin.deleteGroups', () => {
  let dir: { path: string; remove(): Promise<void> };
  let broker: TestBroker;
  let kafka: Kafka;
  let admin: Admin;

  async function start(): Promise<void> {
    broker = await startTestBroker({ dataDir: dir.path, defaultPartitions: 3 });
    kafka = kafkaClient(broker.brokers);
    admin = kafka.admin();
    await admin.connect();
  }

  async function produce(messages: string[]): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: messages.map((value) => ({ value })) });
    await producer.disconnect();
  }

  /** Committed offsets per partition, '-1' where none. */
  async function committed(groupId: string): Promise<string[]> {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [TOPIC] });
    return (offsets?.partitions ?? [])
      .sort((a, b) => a.partition - b.partition)
      .map((p) => p.offset);
  }

  const total = (offsets: string[]) => offsets.reduce((sum, offset) => sum + Number(offset), 0);

  const listedGroups = async () =>
    (await admin.listGroups()).groups.map((group) => group.groupId).sort();

  beforeEach(async () => {
    dir = await tempDir('broker-delete-groups');
    await start();
    await produce(values(30));
  });

  afterEach(async () => {
    await admin.disconnect();
    await broker.close();
    await dir.remove();
  });

  it('deletes a group that consumed, committed and left, with its offsets, for good', async () => {
    for (const groupId of ['billing', 'audit']) {
      expect((await consumeValues(kafka, TOPIC, groupId, 30)).sort()).toEqual(values(30).sort());
      expect(total(await committed(groupId))).toBe(30);
    }
    expect(await listedGroups()).toEqual(['audit', 'billing']);

    expect(await admin.deleteGroups(['billing'])).toEqual([{ groupId: 'billing', errorCode: 0 }]);
    expect(await committed('billing')).toEqual(['-1', '-1', '-1']);
    expect(await listedGroups()).toEqual(['audit']);

    await admin.disconnect();
    await broker.close();
    await start();
    expect(await committed('billing')).toEqual(['-1', '-1', '-1']);
    expect(await listedGroups()).toEqual(['audit']);
    expect(total(await committed('audit'))).toBe(30);
    // With nothing committed, the group starts over from the beginning.
    expect((await consumeValues(kafka, TOPIC, 'billing', 30)).sort()).toEqual(values(30).sort());
  });

  it('refuses to delete a group with a running consumer and leaves it intact', async () => {
    const consumer = kafka.consumer(fastConsumer('live'));
    const received: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value?.toString() ?? '');
        },
      });
      await waitUntil('30 messages consumed', () => received.length === 30);
      await waitUntil('offsets committed', async () => total(await committed('live')) === 30);

      await expect(admin.deleteGroups(['live'])).rejects.toMatchObject({
        name: 'KafkaJSDeleteGroupsError',
        groups: [
          {
            groupId: 'live',
            errorCode: 68,
            error: expect.objectContaining({ type: 'NON_EMPTY_GROUP' }),
          },
        ],
      });
      const [described] = (await admin.describeGroups(['live'])).groups;
      expect(described?.state).toBe('Stable');
      expect(described?.members).toHaveLength(1);
      expect(total(await committed('live'))).toBe(30);
      // The consumer carries on where it was.
      await produce(['invoice-30']);
      await waitUntil('the next message consumed', () => received.length === 31);
      expect(received.sort()).toEqual(values(31).sort());
    } finally {
      await consumer.disconnect();
    }
  });

  it('reports an unknown group as GROUP_ID_NOT_FOUND', async () => {
    await expect(admin.deleteGroups(['nobody'])).rejects.toMatchObject({
      name: 'KafkaJSDeleteGroupsError',
      groups: [
        {
          groupId: 'nobody',
          errorCode: 69,
          error: expect.objectContaining({ type: 'GROUP_ID_NOT_FOUND' }),
        },
      ],
    });
  });
});

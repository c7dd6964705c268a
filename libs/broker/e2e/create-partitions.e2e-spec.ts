import type { Admin, Kafka } from 'kafkajs';
import { ErrorCode, Writer } from '../src/protocol';
import {
  createPartitionsApi,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
} from '../src/protocol/requests/create-partitions';
import { fastConsumer, kafkaClient } from './support/kafka-client';
import { RawClient, requestFrame } from './support/raw-client';
import { readResponse } from './support/requests';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { tempDir } from './support/temp-dir';
import { waitUntil } from './support/wait-until';

jest.setTimeout(60_000);

const partitionCount = async (admin: Admin, topic: string): Promise<number> => {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0]?.partitions.length ?? 0;
};

/** Reads the whole topic with a fresh group; returns "partition:value" for every message. */
async function consumeAll(kafka: Kafka, topic: string, groupId: string, count: number) {
  const consumer = kafka.consumer(fastConsumer(groupId));
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push(`${partition}:${message.value?.toString()}`);
      },
    });
    await waitUntil(`${count} messages on ${topic}`, () => seen.length >= count);
  } finally {
    await consumer.disconnect();
  }
  return seen.sort();
}

/** kafkajs rejects with the protocol error's type (its name for the error code). */
const refusedWith = (type: string) => expect.objectContaining({ type });

describe('CreatePartitions with kafkajs admin.createPartitions', () => {
  let broker: TestBroker | undefined;

  afterEach(async () => {
    await broker?.dispose();
    broker = undefined;
  });

  it('grows 2 partitions to 5 that take, serve and keep messages across a restart', async () => {
    const dir = await tempDir('broker-create-partitions');
    try {
      broker = await startTestBroker({ dataDir: dir.path });
      let kafka = kafkaClient(broker.brokers);
      let admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
      const before = kafka.producer();
      await before.connect();
      await before.send({ topic: 'orders', messages: [{ partition: 1, value: 'before' }] });
      await before.disconnect();

      await admin.createPartitions({ topicPartitions: [{ topic: 'orders', count: 5 }] });
      const { topics } = await admin.fetchTopicMetadata({ topics: ['orders'] });
      expect(topics[0]?.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2, 3, 4]);

      // A new producer: kafkajs sees new partitions only on its next metadata refresh.
      const producer = kafka.producer();
      await producer.connect();
      const [sent] = await producer.send({
        topic: 'orders',
        messages: [{ partition: 4, value: 'on the new partition' }],
      });
      expect(sent).toMatchObject({ partition: 4, errorCode: 0, baseOffset: '0' });
      await producer.disconnect();
      expect(await consumeAll(kafka, 'orders', 'readers', 2)).toEqual([
        '1:before',
        '4:on the new partition',
      ]);
      await admin.disconnect();
      // close() keeps the data directory; dispose() would delete it.
      await broker.close();
      broker = undefined;

      broker = await startTestBroker({ dataDir: dir.path });
      kafka = kafkaClient(broker.brokers);
      admin = kafka.admin();
      await admin.connect();
      expect(await partitionCount(admin, 'orders')).toBe(5);
      const offsets = await admin.fetchTopicOffsets('orders');
      expect(offsets.find((p) => p.partition === 4)).toMatchObject({ low: '0', high: '1' });
      await admin.disconnect();
      expect(await consumeAll(kafka, 'orders', 'after-restart', 2)).toEqual([
        '1:before',
        '4:on the new partition',
      ]);
    } finally {
      await broker?.close();
      broker = undefined;
      await dir.remove();
    }
  });

  it('refuses fewer or as many partitions with INVALID_PARTITIONS, changing nothing', async () => {
    broker = await startTestBroker();
    const admin = kafkaClient(broker.brokers).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] });
    for (const count of [2, 3]) {
      await expect(
        admin.createPartitions({ topicPartitions: [{ topic: 'orders', count }] }),
      ).rejects.toEqual(refusedWith('INVALID_PARTITIONS'));
    }
    expect(await partitionCount(admin, 'orders')).toBe(3);
    await admin.disconnect();
  });

  it('validateOnly checks the request without growing the topic', async () => {
    broker = await startTestBroker();
    const admin = kafkaClient(broker.brokers).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] });
    await admin.createPartitions({
      topicPartitions: [{ topic: 'orders', count: 6 }],
      validateOnly: true,
    });
    expect(await partitionCount(admin, 'orders')).toBe(3);
    await expect(
      admin.createPartitions({
        topicPartitions: [{ topic: 'orders', count: 2 }],
        validateOnly: true,
      }),
    ).rejects.toEqual(refusedWith('INVALID_PARTITIONS'));
    await admin.disconnect();
  });

  it('refuses an unknown topic with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    broker = await startTestBroker();
    const admin = kafkaClient(broker.brokers).admin();
    await admin.connect();
    await expect(
      admin.createPartitions({ topicPartitions: [{ topic: 'nowhere', count: 4 }] }),
    ).rejects.toEqual(refusedWith('UNKNOWN_TOPIC_OR_PARTITION'));
    expect(await admin.listTopics()).toEqual([]);
    await admin.disconnect();
  });

  it('accepts assignments that name only this broker, and refuses others', async () => {
    broker = await startTestBroker();
    const admin = kafkaClient(broker.brokers).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1 }] });
    await expect(
      admin.createPartitions({
        topicPartitions: [{ topic: 'orders', count: 2, assignments: [[7]] }],
      }),
    ).rejects.toEqual(refusedWith('INVALID_REPLICA_ASSIGNMENT'));
    expect(await partitionCount(admin, 'orders')).toBe(1);
    await admin.createPartitions({
      topicPartitions: [{ topic: 'orders', count: 3, assignments: [[0], [0]] }],
    });
    expect(await partitionCount(admin, 'orders')).toBe(3);
    await admin.disconnect();
  });

  describe('what kafkajs does not send', () => {
    async function createPartitions(
      request: CreatePartitionsRequest,
      version: number,
    ): Promise<CreatePartitionsResponse> {
      const client = await RawClient.connect((broker as TestBroker).port);
      try {
        const writer = new Writer();
        createPartitionsApi.versions[version]?.request.write(writer, request);
        client.send(requestFrame(createPartitionsApi.key, version, 7, writer.toBuffer()));
        const { correlationId, body } = readResponse(await client.receive());
        expect(correlationId).toBe(7);
        return createPartitionsApi.versions[version]?.response.read(
          body,
        ) as CreatePartitionsResponse;
      } finally {
        client.close();
      }
    }

    it.each([0, 1])('v%i answers per topic with Kafka error codes and messages', async (v) => {
      broker = await startTestBroker();
      const admin = kafkaClient(broker.brokers).admin();
      await admin.connect();
      await admin.createTopics({
        topics: [
          { topic: 'orders', numPartitions: 3 },
          { topic: 'twice', numPartitions: 1 },
          { topic: 'grows', numPartitions: 1 },
        ],
      });
      const grow = (name: string, count: number, assignments: number[][] | null = null) => ({
        name,
        count,
        assignments: assignments && assignments.map((brokerIds) => ({ brokerIds })),
      });
      const response = await createPartitions(
        {
          topics: [
            grow('orders', 2),
            grow('orders', 3),
            grow('twice', 2),
            grow('twice', 3),
            grow('nowhere', 2),
            grow('grows', 3, [[0]]),
            grow('grows-too', 2),
          ],
          timeoutMs: 5000,
          validateOnly: false,
        },
        v,
      );
      expect(response).toEqual({
        throttleTimeMs: 0,
        results: [
          {
            name: 'orders',
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: 'Duplicate topic in request.',
          },
          {
            name: 'twice',
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: 'Duplicate topic in request.',
          },
          {
            name: 'nowhere',
            errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            errorMessage: "The topic 'nowhere' does not exist.",
          },
          {
            name: 'grows',
            errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
            errorMessage: 'Increasing the number of partitions by 2 but 1 assignments provided.',
          },
          {
            name: 'grows-too',
            errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            errorMessage: "The topic 'grows-too' does not exist.",
          },
        ],
      });
      const single = await createPartitions(
        { topics: [grow('orders', 2), grow('grows', 4)], timeoutMs: 5000, validateOnly: false },
        v,
      );
      expect(single.results).toEqual([
        {
          name: 'orders',
          errorCode: ErrorCode.INVALID_PARTITIONS,
          errorMessage: 'Topic currently has 3 partitions, which is higher than the requested 2.',
        },
        { name: 'grows', errorCode: ErrorCode.NONE, errorMessage: null },
      ]);
      const { topics } = await admin.fetchTopicMetadata({ topics: ['orders', 'twice', 'grows'] });
      expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({
        orders: 3,
        twice: 1,
        grows: 4,
      });
      await admin.disconnect();
    });
  });
});

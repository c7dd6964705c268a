import type { Admin, Consumer, Kafka } from 'kafkajs';
import { decodeConsumerAssignment } from '../src/protocol/consumer-protocol';
import { fastConsumer, kafkaClient } from './support/kafka-client';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { waitUntil } from './support/wait-until';

jest.setTimeout(120_000);

const TOPIC = 'payments';
const PARTITIONS = 6;
const KEYS = 24;
const MESSAGES = 3000;
const GROUP = 'ledger';

describe('a consumer group that grows and shrinks while messages flow', () => {
  let broker: TestBroker;
  let kafka: Kafka;
  let admin: Admin;
  const consumers: Consumer[] = [];
  /** Per key, the sequence numbers whose processing was committed, in commit order. */
  const committed = new Map<string, number[]>();
  let committedCount = 0;

  beforeAll(async () => {
    broker = await startTestBroker();
    kafka = kafkaClient(broker.brokers);
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] });
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((consumer) => consumer.disconnect()));
    await admin.disconnect();
    await broker.dispose();
  });

  /**
   * A member that counts a message only once its offset is committed. A commit refused by a
   * rebalance throws, so kafkajs delivers that message again (to whoever then owns it): a
   * message counted twice would be a duplicate the broker let through.
   */
  async function startMember(): Promise<Consumer> {
    const consumer = kafka.consumer(fastConsumer(GROUP));
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        await consumer.commitOffsets([
          { topic, partition, offset: (Number(message.offset) + 1).toString() },
        ]);
        const [key, sequence] = (message.value?.toString() ?? '').split(':');
        const sequences = committed.get(key as string) ?? [];
        sequences.push(Number(sequence));
        committed.set(key as string, sequences);
        committedCount++;
      },
    });
    return consumer;
  }

  async function waitForMembers(count: number): Promise<void> {
    await waitUntil(`a stable group of ${count}`, async () => {
      const [group] = (await admin.describeGroups([GROUP])).groups;
      return group?.state === 'Stable' && group.members.length === count;
    });
  }

  async function produceAll(): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    const next = new Array<number>(KEYS).fill(0);
    for (let sent = 0; sent < MESSAGES;) {
      const messages = Array.from({ length: 30 }, (_, i) => {
        const key = (sent + i) % KEYS;
        return { key: `key-${key}`, value: `key-${key}:${next[key]++}` };
      });
      await producer.send({ topic: TOPIC, acks: -1, messages });
      sent += messages.length;
      // Spread the stream over the membership changes.
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await producer.disconnect();
  }

  it('delivers every message exactly once, in key order, and ends with every partition owned once', async () => {
    await Promise.all([startMember(), startMember()]);
    await waitForMembers(2);
    const producing = produceAll();

    await waitUntil('a third of the messages', () => committedCount >= MESSAGES / 3);
    const third = await startMember();
    await waitForMembers(3);

    await waitUntil('two thirds of the messages', () => committedCount >= (2 * MESSAGES) / 3);
    await third.disconnect();
    consumers.splice(consumers.indexOf(third), 1);
    await waitForMembers(2);

    await producing;
    await waitUntil('every message committed', () => committedCount >= MESSAGES, 60_000);
    // Nothing left to deliver: committed offsets equal the high watermarks.
    const ends = await admin.fetchTopicOffsets(TOPIC);
    await waitUntil('committed offsets at the end of every partition', async () => {
      const [offsets] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
      return ends.every(
        (end) =>
          offsets?.partitions.find((p) => p.partition === end.partition)?.offset === end.high,
      );
    });

    expect(committedCount).toBe(MESSAGES);
    for (const sequences of committed.values()) {
      expect(sequences).toEqual(sequences.map((_, i) => i));
    }
    expect(committed.size).toBe(KEYS);

    const [group] = (await admin.describeGroups([GROUP])).groups;
    const owned = (group?.members ?? []).flatMap((member) =>
      decodeConsumerAssignment(member.memberAssignment).assignedPartitions.flatMap((assigned) =>
        assigned.partitions.map((partition) => `${assigned.topic}/${partition}`),
      ),
    );
    expect(group?.members).toHaveLength(2);
    expect(owned.sort()).toEqual(
      Array.from({ length: PARTITIONS }, (_, p) => `${TOPIC}/${p}`).sort(),
    );
  });
});

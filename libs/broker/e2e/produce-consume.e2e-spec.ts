import type { EachMessagePayload } from 'kafkajs';
import { fastConsumer, kafkaClient } from './support/kafka-client';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { waitUntil } from './support/wait-until';

jest.setTimeout(60_000);

describe('kafkajs produce and consume', () => {
  let broker: TestBroker;

  beforeEach(async () => {
    broker = await startTestBroker({ defaultPartitions: 3 });
  });

  afterEach(async () => {
    await broker.dispose();
  });

  it('delivers keyed messages with headers, in order per partition', async () => {
    const kafka = kafkaClient(broker.brokers);
    const producer = kafka.producer();
    await producer.connect();
    const keys = ['alpha', 'beta', 'gamma', 'delta'];
    const sent = Array.from({ length: 200 }, (_, i) => ({
      key: keys[i % keys.length] as string,
      value: `value-${i}`,
      headers: { seq: String(i), 'trace-id': `trace-${i % 7}` },
    }));
    // Several sends, so several batches per partition.
    for (let i = 0; i < sent.length; i += 50) {
      await producer.send({ topic: 'orders', messages: sent.slice(i, i + 50) });
    }
    await producer.disconnect();

    const consumer = kafka.consumer(fastConsumer('readers'));
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const received: {
      partition: number;
      offset: string;
      key: string;
      value: string;
      headers: Record<string, string>;
    }[] = [];
    await consumer.run({
      eachMessage: async ({ partition, message }: EachMessagePayload) => {
        received.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
          ),
        });
      },
    });
    await waitUntil('all messages consumed', () => received.length >= sent.length);
    await consumer.disconnect();

    expect(received).toHaveLength(sent.length);
    const byValue = new Map(received.map((m) => [m.value, m]));
    for (const message of sent) {
      const got = byValue.get(message.value);
      expect(got).toBeDefined();
      expect(got?.key).toBe(message.key);
      expect(got?.headers).toEqual(message.headers);
    }
    // One key lands on one partition, and each key's messages arrive in the order sent.
    const partitionsOfKey = new Map<string, Set<number>>();
    for (const m of received) {
      partitionsOfKey.set(m.key, (partitionsOfKey.get(m.key) ?? new Set()).add(m.partition));
    }
    for (const partitions of partitionsOfKey.values()) expect(partitions.size).toBe(1);
    for (const key of keys) {
      const order = received.filter((m) => m.key === key).map((m) => Number(m.headers.seq));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    for (const partition of new Set(received.map((m) => m.partition))) {
      const offsets = received
        .filter((m) => m.partition === partition)
        .map((m) => Number(m.offset));
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
  });
});

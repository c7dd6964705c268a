import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface TopicRecord {
  partition: number;
  message: KafkaMessage;
}

export interface ReadTopicToEndOptions {
  timeoutMs?: number;
  /** The throw-away consumer group's name starts with it: it shows who read, in a group list. */
  groupIdPrefix?: string;
}

/**
 * Every record on `topic` up to the high watermarks read when called, in partition order, read by
 * a throw-away consumer group that commits nothing. An operator's look at a topic (`npm run dlt`)
 * and the end-to-end tests' (KafkaProbe) are the same read.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  { timeoutMs = 30_000, groupIdPrefix = 'read-to-end' }: ReadTopicToEndOptions = {},
): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(
      offsets
        .map(({ partition, high, low }) => [partition, BigInt(high), BigInt(low)] as const)
        .filter(([, high, low]) => high > low)
        .map(([partition, high]) => [partition, high]),
    );
  } finally {
    await admin.disconnect();
  }
  const records: TopicRecord[] = [];
  if (ends.size === 0) return records;

  const consumer = kafka.consumer({ groupId: `${groupIdPrefix}-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out reading ${topic} (${records.length} records read)`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            records.push({ partition, message });
            if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
            if (ends.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort(
    (a, b) =>
      a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)),
  );
}

/**
 * Events on `topic` that `groupId` has not committed yet (a new group lags by all of them): the
 * sum over partitions of the high watermark minus the committed offset. A partition without a real
 * committed offset (none, -1, or the "earliest" marker -2 a reset leaves) counts from its low
 * watermark, where the group would start.
 */
export async function consumerGroupLag(
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const done = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
    let lag = 0n;
    for (const { partition, high, low } of ends) {
      const offset = done.get(partition) ?? -1n;
      lag += BigInt(high) - (offset < 0n ? BigInt(low) : offset);
    }
    return Number(lag);
  } finally {
    await admin.disconnect();
  }
}

import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { OPERATOR } from '@fanout/kafka-runner';
import { type KafkaAccess, kafkaClient } from '../../support/kafka-clients';

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Looks at the broker from outside: what is on a topic, how far behind a group is, and more. As
 * the operator, as a person investigating would: reading any topic and group, resetting offsets
 * and writing forged events are beyond every service's ACLs.
 */
export class KafkaProbe {
  private readonly kafka: Kafka;

  constructor(access: KafkaAccess) {
    this.kafka = kafkaClient(access, OPERATOR, {
      clientId: 'failure-probe',
      retry: { retries: 5, initialRetryTime: 200 },
    });
  }

  /** Every record on the topic right now (up to the high watermarks read first). */
  async readAll(topic: string, timeoutMs = 30_000): Promise<TopicRecord[]> {
    const ends = await this.highWatermarks(topic);
    const remaining = new Map([...ends].filter(([, high]) => high > 0n));
    const records: TopicRecord[] = [];
    if (remaining.size === 0) return records;
    const consumer = this.kafka.consumer({ groupId: `failure-probe-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`reading ${topic}: ${records.length} records, not at the end`)),
          timeoutMs,
        );
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            records.push({
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              headers: headersToStrings(message.headers),
            });
            if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n)) {
              remaining.delete(partition);
            }
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    return records;
  }

  /** Events (JSON envelopes) on a topic, by type. */
  async eventsOn(
    topic: string,
  ): Promise<Array<{ eventId: string; type: string; orderId: string }>> {
    const records = await this.readAll(topic);
    return records.flatMap((record) => {
      try {
        const event = JSON.parse(record.value ?? '') as {
          eventId: string;
          type: string;
          payload: { orderId: string };
        };
        return [{ eventId: event.eventId, type: event.type, orderId: event.payload.orderId }];
      } catch {
        return [];
      }
    });
  }

  /**
   * Sum over partitions of (high watermark − committed offset) of the group on the topic. A
   * partition without a real committed offset (none, or the "earliest" marker -2 left by a reset)
   * counts from its low watermark.
   */
  async lag(groupId: string, topic: string): Promise<number> {
    const admin = this.kafka.admin();
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

  /** Sets the (stopped) group's offsets on the topic back to 0: it will process everything again. */
  async rewind(groupId: string, topic: string): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.resetOffsets({ groupId, topic, earliest: true });
    } finally {
      await admin.disconnect();
    }
  }

  async produce(
    topic: string,
    messages: Array<{ key: string; value: string; headers?: IHeaders }>,
  ): Promise<void> {
    const producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
  }

  private async highWatermarks(topic: string): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
    } finally {
      await admin.disconnect();
    }
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return result;
}

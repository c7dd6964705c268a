import type { IHeaders, Kafka } from 'kafkajs';
import { consumerGroupLag, OPERATOR, readTopicToEnd } from '@fanout/kafka-runner';
import { type ReadMessage, toReadMessage } from '@fanout/testing';
import { type KafkaAccess, kafkaClient } from './kafka-clients';

/** A record as the probe reads it: as text. */
export type TopicRecord = ReadMessage;

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
    const records = await readTopicToEnd(this.kafka, topic, {
      timeoutMs,
      groupIdPrefix: 'failure-probe',
    });
    return records.map(({ partition, message }) => toReadMessage(partition, message));
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

  /** Events on the topic the group has not committed yet (consumerGroupLag). */
  lag(groupId: string, topic: string): Promise<number> {
    return consumerGroupLag(this.kafka, groupId, topic);
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
}

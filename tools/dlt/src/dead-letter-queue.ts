import type { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@fanout/contracts';
import { type DeadLetter, toDeadLetter } from './dead-letter';
import { readTopicToEnd } from '@fanout/kafka-runner';

export interface ReplayFilter {
  /** Only the dead letters of this event. */
  eventId?: string;
  /** Only those parked by this consumer group. */
  consumerGroup?: string;
}

export interface ReplayResult {
  replayed: DeadLetter[];
  /** Matching copies of an event already replayed in this run (one per group that parked it). */
  duplicates: DeadLetter[];
}

/** Accepts `orders` or `orders.dlt`; returns the dead-letter topic. */
export function dltTopicOf(topic: string): string {
  return topic.endsWith('.dlt') ? topic : deadLetterTopic(topic);
}

/** The dead letters parked for `topic`, oldest first per partition. */
export async function listDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const dlt = dltTopicOf(topic);
  const records = await readTopicToEnd(kafka, dlt, { groupIdPrefix: 'dlt-cli' });
  return records.map((record) => toDeadLetter(dlt, record));
}

/**
 * Sends dead letters back to the topic they came from, with their original key, value and event
 * headers (so they land on the same partition, in order for their key) plus `dlt-replayed-from`.
 * Every consumer group of that topic sees them again: the groups that processed the event already
 * drop it as a duplicate (processed_events), the one that parked it gets another chance. An event
 * parked by several groups is sent once. Dead letters stay on the DLT: it is a record, not a queue.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  topic: string,
  filter: ReplayFilter = {},
): Promise<ReplayResult> {
  const matching = (await listDeadLetters(kafka, topic)).filter(
    (letter) =>
      (filter.eventId === undefined || letter.eventId === filter.eventId) &&
      (filter.consumerGroup === undefined || letter.consumerGroup === filter.consumerGroup),
  );
  const replayed: DeadLetter[] = [];
  const duplicates: DeadLetter[] = [];
  const seen = new Set<string>();
  for (const letter of matching) {
    const identity =
      letter.eventId ??
      `${letter.original.topic}:${letter.original.partition}:${letter.original.offset}`;
    if (seen.has(identity)) duplicates.push(letter);
    else {
      seen.add(identity);
      replayed.push(letter);
    }
  }
  if (replayed.length === 0) return { replayed, duplicates };

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const byTopic = new Map<string, DeadLetter[]>();
    for (const letter of replayed) {
      byTopic.set(letter.original.topic, [...(byTopic.get(letter.original.topic) ?? []), letter]);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([originalTopic, letters]) => ({
        topic: originalTopic,
        messages: letters.map((letter) => ({
          key: letter.key,
          value: letter.value,
          headers: {
            ...letter.headers,
            'dlt-replayed-from': `${letter.position.topic}:${letter.position.partition}:${letter.position.offset}`,
          },
        })),
      })),
    });
  } finally {
    await producer.disconnect();
  }
  return { replayed, duplicates };
}

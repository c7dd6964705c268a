import type { IHeaders } from 'kafkajs';
import { DeadLetterHeaders } from '@fanout/messaging';
import type { TopicRecord } from '@fanout/kafka-runner';

/** A message parked on `<topic>.dlt` by a consumer, with why and where it came from. */
export interface DeadLetter {
  /** Where it is parked. */
  position: { topic: string; partition: number; offset: string };
  key: string | null;
  value: Buffer | null;
  /** The original headers (the event's), without the dead-letter ones. */
  headers: IHeaders;
  eventId: string | null;
  eventType: string | null;
  reason: string;
  error: string;
  consumerGroup: string;
  original: { topic: string; partition: number; offset: string };
  attempts: number | null;
  failedAt: string | null;
}

const deadLetterHeaderNames = new Set<string>(Object.values(DeadLetterHeaders));

export function toDeadLetter(dltTopic: string, record: TopicRecord): DeadLetter {
  const { partition, message } = record;
  const all = message.headers ?? {};
  const text = (name: string): string | null => {
    const value = all[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? String(value[0]) : String(value);
  };
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(all)) {
    if (!deadLetterHeaderNames.has(name) && value !== undefined) headers[name] = value;
  }
  const attempts = text(DeadLetterHeaders.attempts);
  return {
    position: { topic: dltTopic, partition, offset: message.offset },
    key: message.key?.toString() ?? null,
    value: message.value,
    headers,
    eventId: text('event-id') ?? eventIdInValue(message.value),
    eventType: text('event-type'),
    reason: text(DeadLetterHeaders.reason) ?? 'unknown',
    error: text(DeadLetterHeaders.error) ?? '',
    consumerGroup: text(DeadLetterHeaders.consumerGroup) ?? 'unknown',
    original: {
      topic: text(DeadLetterHeaders.originalTopic) ?? dltTopic.replace(/\.dlt$/, ''),
      partition: Number(text(DeadLetterHeaders.originalPartition) ?? -1),
      offset: text(DeadLetterHeaders.originalOffset) ?? '-1',
    },
    attempts: attempts === null ? null : Number(attempts),
    failedAt: text(DeadLetterHeaders.failedAt),
  };
}

/** A broken message may still carry a readable eventId (e.g. a schema failure). */
function eventIdInValue(value: Buffer | null): string | null {
  try {
    const parsed = JSON.parse(value?.toString() ?? '') as { eventId?: unknown };
    return typeof parsed.eventId === 'string' ? parsed.eventId : null;
  } catch {
    return null;
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Consumer, type IHeaders, Kafka, type KafkaMessage } from 'kafkajs';
import { gatheringFetch } from '@fanout/messaging';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console-config';
import { ConsoleHub } from '../state/console-hub';
import type { RecordedEvent } from '../state/console-view';
import { allTopics } from './console-kafka';

/**
 * The console's consumer: its own group reads every topic, dead letters included, and commits as
 * any consumer does. The services' groups do not notice it: each group gets every event.
 */
@Injectable()
export class EventTap implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventTap.name);
  private consumer: Consumer | undefined;
  private joined = false;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly hub: ConsoleHub,
  ) {}

  /** True once the group gave this consumer its partitions: from then on nothing is missed. */
  get ready(): boolean {
    return this.joined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.config.groupId,
      // A page refreshes for eyes, not for a saga: the broker gathers up to a tenth of a second of
      // events into each answer instead of answering each new event on its own, which under load
      // cost the console as much CPU per order as a service (docs/benchmarks.md).
      ...gatheringFetch(100),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      this.logger.error({ msg: 'console consumer crashed', err: payload.error });
    });
    await consumer.connect();
    await consumer.subscribe({ topics: allTopics(), fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.hub.recordEvent(toRecordedEvent(topic, partition, message, Date.now()));
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export function toRecordedEvent(
  topic: string,
  partition: number,
  message: KafkaMessage,
  seenAt: number,
): RecordedEvent {
  const headers = headerText(message.headers);
  const text = message.value?.toString('utf8') ?? null;
  let value: unknown = text;
  try {
    if (text !== null) value = JSON.parse(text);
  } catch {
    // Not JSON (a poison message, say): shown as text.
  }
  const envelope = (typeof value === 'object' && value !== null ? value : {}) as {
    type?: unknown;
    eventId?: unknown;
    producer?: unknown;
  };
  const textOf = (header: string, field: unknown): string | null =>
    headers[header] ?? (typeof field === 'string' ? field : null);
  return {
    id: `${topic}/${partition}@${message.offset}`,
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    type: textOf('event-type', envelope.type),
    eventId: textOf('event-id', envelope.eventId),
    producer: textOf('producer', envelope.producer),
    producedAt: Number(message.timestamp),
    seenAt,
    headers,
    value,
  };
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    result[name] = first === undefined ? '' : first.toString();
  }
  return result;
}

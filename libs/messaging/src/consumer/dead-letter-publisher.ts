import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IHeaders } from 'kafkajs';
import { deadLetterTopic } from '@fanout/contracts';
import { KAFKA_SETTINGS, type KafkaSettings } from '../kafka/kafka-settings';
import { KafkaProducer } from '../kafka/kafka-producer';
import type { Delivery } from './event-handlers';

/** Headers added to a dead-lettered message; the original key, value and headers are kept. */
export const DeadLetterHeaders = {
  reason: 'dlt-reason',
  /** How many times the handler ran (1 when the message could not even be decoded). */
  attempts: 'dlt-attempts',
  error: 'dlt-error',
  originalTopic: 'dlt-original-topic',
  originalPartition: 'dlt-original-partition',
  originalOffset: 'dlt-original-offset',
  consumerGroup: 'dlt-consumer-group',
  failedAt: 'dlt-failed-at',
} as const;

export interface DeadLetter {
  delivery: Delivery;
  value: Buffer | string | null;
  headers: Record<string, unknown>;
  reason: string;
  error: string;
  attempts: number;
}

@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);

  constructor(
    private readonly producer: KafkaProducer,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
  ) {}

  /** Publishes synchronously: the consumer moves past the message only once it is parked. */
  async publish(letter: DeadLetter): Promise<void> {
    const { delivery } = letter;
    const topic = deadLetterTopic(delivery.topic);
    await this.producer.send({
      topic,
      messages: [
        {
          key: delivery.key,
          value: letter.value,
          headers: {
            ...toKafkaHeaders(letter.headers),
            [DeadLetterHeaders.reason]: letter.reason,
            [DeadLetterHeaders.attempts]: String(letter.attempts),
            [DeadLetterHeaders.error]: letter.error.slice(0, 2000),
            [DeadLetterHeaders.originalTopic]: delivery.topic,
            [DeadLetterHeaders.originalPartition]: String(delivery.partition),
            [DeadLetterHeaders.originalOffset]: delivery.offset,
            [DeadLetterHeaders.consumerGroup]: this.settings.groupId,
            [DeadLetterHeaders.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
    this.logger.warn({
      msg: 'message dead-lettered',
      orderId: delivery.key,
      partition: delivery.partition,
      offset: delivery.offset,
      attempts: letter.attempts,
      topic,
      reason: letter.reason,
      error: letter.error,
    });
  }
}

// The NestJS Kafka parser decodes header values (and parses JSON-looking ones): turn them back.
function toKafkaHeaders(headers: Record<string, unknown>): IHeaders {
  const result: IHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === null || value === undefined) continue;
    result[name] = Buffer.isBuffer(value)
      ? value
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  }
  return result;
}

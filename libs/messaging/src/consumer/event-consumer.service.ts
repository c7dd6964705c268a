import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { decodeEvent, EventContractError, type FanoutEvent } from '@fanout/contracts';
import { withLogContext } from '@fanout/observability';
import { TransactionRunner } from '@fanout/persistence';
import { KAFKA_SETTINGS, type KafkaSettings } from '../kafka/kafka-settings';
import { MessagingMetrics } from '../messaging-metrics';
import { ConsumerStatus } from './consumer-status';
import { DeadLetterPublisher } from './dead-letter-publisher';
import {
  type Delivery,
  type EventHandler,
  type EventHandlers,
  PoisonEventError,
} from './event-handlers';

/** A Kafka message as the pipeline sees it (what KafkaContext carries, minus NestJS). */
export interface IncomingMessage {
  delivery: Delivery;
  value: Buffer | string | null;
  headers: Record<string, unknown>;
  /** Keeps the group membership alive while a slow handler retries. */
  heartbeat?: () => Promise<void>;
}

export type ConsumeOutcome = 'processed' | 'duplicate' | 'skipped' | 'dead-lettered';

const HANDLER_ATTEMPTS = 3;
/** Backoff between attempts: 200 ms, 400 ms, ... doubling, never more than 2 s. */
const RETRY_BASE_DELAY_MS = 200;
const RETRY_MAX_DELAY_MS = 2000;

/**
 * The one way a service consumes events:
 * 1. decode and validate the envelope and payload (zod); a broken message goes to `<topic>.dlt`
 *    and the partition moves on;
 * 2. skip event types the service does not handle (and types this build does not know);
 * 3. run the handler in a transaction that first records (consumer group, eventId) in
 *    processed_events, so a redelivered event commits nothing twice;
 * 4. retry a failing handler a few times (exponential backoff); then dead-letter the event, unless
 *    the database itself
 *    is down: then throw, so Kafka redelivers it later instead of losing it to the DLT.
 */
@Injectable()
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: MessagingMetrics,
    private readonly status: ConsumerStatus,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
  ) {}

  /** For an `@EventPattern(topic)` method: `return this.consumer.consume(context, handlers)`. */
  consume(context: KafkaContext, handlers: EventHandlers): Promise<ConsumeOutcome> {
    const message = context.getMessage();
    return this.process(
      {
        delivery: {
          topic: context.getTopic(),
          partition: context.getPartition(),
          offset: message.offset,
          key: message.key === null || message.key === undefined ? null : String(message.key),
        },
        value: message.value as Buffer | string | null,
        headers: (message.headers ?? {}) as Record<string, unknown>,
        heartbeat: context.getHeartbeat(),
      },
      handlers,
    );
  }

  async process(message: IncomingMessage, handlers: EventHandlers): Promise<ConsumeOutcome> {
    const { delivery } = message;
    const decoded = decodeEvent(message.value);
    if (!decoded.ok) {
      if (decoded.reason === 'unknown-type') {
        this.logger.debug({
          msg: 'unknown event type skipped',
          ...delivery,
          reason: decoded.message,
        });
        return this.count(delivery, 'unknown', 'skipped');
      }
      await this.deadLetters.publish({
        ...message,
        reason: decoded.reason,
        error: decoded.message,
        attempts: 1,
      });
      return this.count(delivery, 'invalid', 'dead-lettered');
    }
    const event = decoded.event;
    const handler = handlers[event.type] as EventHandler<FanoutEvent['type']> | undefined;
    if (!handler) {
      return this.count(delivery, event.type, 'skipped');
    }
    const bindings = {
      eventId: event.eventId,
      eventType: event.type,
      orderId: delivery.key,
      correlationId: event.correlationId,
      topic: delivery.topic,
      partition: delivery.partition,
      offset: delivery.offset,
    };
    return withLogContext(bindings, async () => {
      const stopTimer = this.metrics.handlerSeconds.startTimer({
        topic: delivery.topic,
        type: event.type,
      });
      const outcome = await this.handleWithRetries(message, event, handler);
      stopTimer();
      this.logger.log({ msg: `event ${outcome}` });
      return this.count(delivery, event.type, outcome);
    });
  }

  private async handleWithRetries(
    message: IncomingMessage,
    event: FanoutEvent,
    handler: EventHandler<FanoutEvent['type']>,
  ): Promise<ConsumeOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.handleOnce(message.delivery, event, handler);
      } catch (error) {
        const poison = error instanceof PoisonEventError || error instanceof EventContractError;
        if (!poison && attempt < HANDLER_ATTEMPTS) {
          this.logger.warn({ msg: 'event handler failed; retrying', attempt, err: error });
          await message.heartbeat?.().catch(() => undefined);
          await delay(Math.min(RETRY_BASE_DELAY_MS * 2 ** (attempt - 1), RETRY_MAX_DELAY_MS));
          continue;
        }
        if (!poison && !(await this.databaseIsUp())) {
          // Not the event's fault: leave it uncommitted so Kafka delivers it again.
          throw error;
        }
        await this.deadLetters.publish({
          ...message,
          reason: poison ? 'rejected-by-handler' : 'handler-failed',
          error: (error as Error).message ?? String(error),
          attempts: attempt,
        });
        return 'dead-lettered';
      }
    }
  }

  private handleOnce(
    delivery: Delivery,
    event: FanoutEvent,
    handler: EventHandler<FanoutEvent['type']>,
  ): Promise<ConsumeOutcome> {
    return this.transactions.run(async (tx) => {
      const recorded: unknown[] = await tx.manager.query(
        `INSERT INTO processed_events
           (consumer_group, event_id, event_type, topic, partition, "offset", message_key, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (consumer_group, event_id) DO NOTHING
         RETURNING event_id`,
        [
          this.settings.groupId,
          event.eventId,
          event.type,
          delivery.topic,
          delivery.partition,
          delivery.offset,
          delivery.key,
          event.occurredAt,
        ],
      );
      if (recorded.length === 0) {
        return 'duplicate';
      }
      await handler(event, tx, delivery);
      return 'processed';
    });
  }

  private async databaseIsUp(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private count(delivery: Delivery, type: string, outcome: ConsumeOutcome): ConsumeOutcome {
    this.metrics.consumed.inc({ topic: delivery.topic, type, outcome });
    this.status.handled(delivery.topic, delivery.partition, delivery.offset, outcome);
    return outcome;
  }
}

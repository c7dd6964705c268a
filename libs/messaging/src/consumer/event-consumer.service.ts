import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import {
  decodeEvent,
  type DecodeResult,
  EventContractError,
  type FanoutEvent,
} from '@fanout/contracts';
import { withLogContext } from '@fanout/observability';
import { type Transaction, TransactionRunner } from '@fanout/persistence';
import { KafkaBatchContext } from '../kafka/kafka-batch-context';
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
/** The most events one transaction handles; a larger fetched batch is cut into chunks. */
const MAX_EVENTS_PER_TRANSACTION = 100;

/** What the inbox records of an event. */
interface InboxEntry {
  message: { delivery: Delivery };
  event: FanoutEvent;
}

interface RunnableEvent {
  message: IncomingMessage;
  event: FanoutEvent;
  handler: EventHandler<FanoutEvent['type']>;
}

/**
 * The one way a service consumes events:
 * 1. decode and validate the envelope and payload (zod); a broken message goes to `<topic>.dlt`
 *    and the partition moves on;
 * 2. skip event types the service does not handle (and types this build does not know);
 * 3. run the handler in a transaction that first records (consumer group, eventId) in
 *    processed_events, so a redelivered event commits nothing twice;
 * 4. retry a failing handler a few times (exponential backoff); then dead-letter the event, unless
 *    the database itself is down: then throw, so Kafka redelivers it later instead of losing it to
 *    the DLT.
 *
 * A batch (several messages of one partition fetched together, which happens when the consumer
 * has a backlog) is processed in ONE transaction: one inbox insert, the handlers one after the
 * other, one outbox insert, one commit, one offset commit. If anything in it fails, the
 * transaction is rolled back and the batch is processed again one event at a time, through steps
 * 1-4, so a bad event is isolated exactly as if it had arrived alone.
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

  /**
   * For an `@EventPattern(topic)` method: `return this.consumer.consume(context, handlers)`.
   * Resolves with the outcome of each message, in offset order.
   */
  async consume(context: KafkaContext, handlers: EventHandlers): Promise<ConsumeOutcome[]> {
    const batch = context instanceof KafkaBatchContext ? context : undefined;
    const raw = batch ? batch.messages : [context.getMessage()];
    const resolveOffset = batch ? batch.resolveOffset : () => undefined;
    const outcomes: ConsumeOutcome[] = [];
    for (let start = 0; start < raw.length; start += MAX_EVENTS_PER_TRANSACTION) {
      const chunk = raw.slice(start, start + MAX_EVENTS_PER_TRANSACTION);
      // The keys of the messages that share a transaction (see Delivery.batchKeys).
      const keys = chunk.map((message) =>
        message.key === null || message.key === undefined ? null : String(message.key),
      );
      const messages: IncomingMessage[] = chunk.map((message, i) => ({
        delivery: {
          topic: context.getTopic(),
          partition: context.getPartition(),
          offset: message.offset,
          key: keys[i],
          batchKeys: keys,
        },
        value: message.value as Buffer | string | null,
        headers: (message.headers ?? {}) as Record<string, unknown>,
        heartbeat: context.getHeartbeat(),
      }));
      outcomes.push(...(await this.processBatch(messages, handlers, resolveOffset)));
    }
    return outcomes;
  }

  /** Messages of one partition, in offset order. */
  private async processBatch(
    messages: readonly IncomingMessage[],
    handlers: EventHandlers,
    resolveOffset: (offset: string) => void,
  ): Promise<ConsumeOutcome[]> {
    const decoded = messages.map((message) => decodeEvent(message.value));
    const runnable = this.runnable(messages, decoded, handlers);
    if (runnable.length >= 2) {
      const inOneTransaction = await this.handleTogether(runnable).catch((error: unknown) => {
        this.metrics.batchFallbacks.inc({ topic: runnable[0].message.delivery.topic });
        this.logger.warn({
          msg: 'batch failed; processing its events one at a time',
          events: runnable.length,
          err: error,
        });
        return null;
      });
      if (inOneTransaction) {
        const outcomes: ConsumeOutcome[] = [];
        for (const [i, message] of messages.entries()) {
          const result = decoded[i];
          const outcome = inOneTransaction.get(message);
          outcomes.push(
            outcome && result.ok
              ? this.count(message.delivery, result.event.type, outcome)
              : await this.settle(message, result),
          );
          resolveOffset(message.delivery.offset);
        }
        return outcomes;
      }
    }
    const outcomes: ConsumeOutcome[] = [];
    for (const [i, message] of messages.entries()) {
      const alone = {
        ...message,
        delivery: { ...message.delivery, batchKeys: [message.delivery.key] },
      };
      outcomes.push(await this.processDecoded(alone, decoded[i], handlers));
      resolveOffset(message.delivery.offset);
    }
    return outcomes;
  }

  /** One message on its own: steps 1-4. */
  private async processDecoded(
    message: IncomingMessage,
    decoded: DecodeResult,
    handlers: EventHandlers,
  ): Promise<ConsumeOutcome> {
    const handler = decoded.ok ? handlers[decoded.event.type] : undefined;
    if (!decoded.ok || !handler) return this.settle(message, decoded);
    const event = decoded.event;
    return withLogContext(this.logBindings(message.delivery, event), async () => {
      const stopTimer = this.metrics.handlerSeconds.startTimer({
        topic: message.delivery.topic,
        type: event.type,
      });
      const outcome = await this.handleWithRetries(
        message,
        event,
        handler as EventHandler<FanoutEvent['type']>,
      );
      stopTimer();
      this.logger.debug({ msg: `event ${outcome}` });
      return this.count(message.delivery, event.type, outcome);
    });
  }

  /** A message that runs no handler: broken (dead-lettered) or of a type not handled (skipped). */
  private async settle(message: IncomingMessage, decoded: DecodeResult): Promise<ConsumeOutcome> {
    const { delivery } = message;
    if (decoded.ok) return this.count(delivery, decoded.event.type, 'skipped');
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

  private runnable(
    messages: readonly IncomingMessage[],
    decoded: readonly DecodeResult[],
    handlers: EventHandlers,
  ): RunnableEvent[] {
    const runnable: RunnableEvent[] = [];
    for (const [i, message] of messages.entries()) {
      const result = decoded[i];
      if (!result.ok) continue;
      const handler = handlers[result.event.type] as EventHandler<FanoutEvent['type']> | undefined;
      if (handler) runnable.push({ message, event: result.event, handler });
    }
    return runnable;
  }

  /**
   * The whole batch in one transaction. Handlers run grouped by message key (one order's events
   * stay in offset order): two batches running at once then lock their orders' rows in the same
   * order, and never wait on each other in a cycle.
   */
  private async handleTogether(
    runnable: RunnableEvent[],
  ): Promise<Map<IncomingMessage, ConsumeOutcome>> {
    const topic = runnable[0].message.delivery.topic;
    const ordered = runnable
      .map((item, position) => ({ item, position }))
      .sort(
        (a, b) =>
          compareKeys(a.item.message.delivery.key, b.item.message.delivery.key) ||
          a.position - b.position,
      )
      .map(({ item }) => item);
    const outcomes = await this.transactions.run(async (tx) => {
      const fresh = await this.recordProcessed(tx, runnable);
      const result = new Map<IncomingMessage, ConsumeOutcome>();
      for (const { message, event, handler } of ordered) {
        if (!fresh.delete(event.eventId)) {
          result.set(message, 'duplicate');
          continue;
        }
        await withLogContext(this.logBindings(message.delivery, event), () =>
          handler(event, tx, message.delivery),
        );
        result.set(message, 'processed');
      }
      return result;
    });
    // The batch's time is in fanout_db_transaction_seconds; handlerSeconds stays one event's.
    this.metrics.batchEvents.observe({ topic }, runnable.length);
    this.logger.debug({ msg: 'batch processed', topic, events: runnable.length });
    return outcomes;
  }

  /**
   * The inbox: one row per event (consumer group, event id), all in one statement, in the
   * transaction of the handlers' effects. Returns the ids not processed before.
   */
  private async recordProcessed(
    tx: Transaction,
    entries: readonly InboxEntry[],
  ): Promise<Set<string>> {
    const column = <T>(pick: (entry: InboxEntry) => T) => entries.map(pick);
    const inserted: { event_id: string }[] = await tx.manager.query(
      `INSERT INTO processed_events
         (consumer_group, event_id, event_type, topic, partition, "offset", message_key, occurred_at)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::bigint[],
                                $7::text[], $8::timestamptz[])
       ON CONFLICT (consumer_group, event_id) DO NOTHING
       RETURNING event_id`,
      [
        this.settings.groupId,
        column(({ event }) => event.eventId),
        column(({ event }) => event.type),
        column(({ message }) => message.delivery.topic),
        column(({ message }) => message.delivery.partition),
        column(({ message }) => message.delivery.offset),
        column(({ message }) => message.delivery.key),
        column(({ event }) => event.occurredAt),
      ],
    );
    return new Set(inserted.map((row) => row.event_id));
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
      const fresh = await this.recordProcessed(tx, [{ message: { delivery }, event }]);
      if (fresh.size === 0) {
        return 'duplicate';
      }
      await handler(event, tx, delivery);
      return 'processed';
    });
  }

  private logBindings(delivery: Delivery, event: FanoutEvent): Record<string, unknown> {
    return {
      eventId: event.eventId,
      eventType: event.type,
      orderId: delivery.key,
      correlationId: event.correlationId,
      topic: delivery.topic,
      partition: delivery.partition,
      offset: delivery.offset,
    };
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

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

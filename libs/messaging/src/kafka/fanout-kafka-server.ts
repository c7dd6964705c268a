import { type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { ConsumerStatus } from '../consumer/consumer-status';
import type { OutboxRelay } from '../outbox/outbox-relay.service';
import { KafkaBatchContext } from './kafka-batch-context';

/**
 * NestJS's Kafka server, plus:
 * - each fetched batch of a partition goes to the topic's `@EventPattern` handler at once (as a
 *   KafkaBatchContext), so that the consumer pipeline can process it in one database transaction
 *   and commit its offset once, instead of once per message; under light load a batch is a single
 *   message, so latency is what it was;
 * - partition assignments reported to ConsumerStatus (GET /status); Nest exposes the consumer only
 *   after it has joined, too late to see the first assignment;
 * - at close, once the consumer has finished the batch in hand, the outbox relay publishes what
 *   that batch produced, before Nest closes the database.
 */
export class FanoutKafkaServer extends ServerKafka {
  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly consumerStatus: ConsumerStatus,
    private readonly relay: OutboxRelay,
  ) {
    super(options);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.relay.shutdown();
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length > 0) {
      await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics });
    }
    await consumer.run({
      ...(this.options.run ?? {}),
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch({
    batch,
    heartbeat,
    resolveOffset,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) {
      this.logger.error(`no @EventPattern handler for topic ${batch.topic}`);
      return;
    }
    const context = new KafkaBatchContext(
      batch.messages,
      batch.partition,
      batch.topic,
      this.consumer as Consumer,
      heartbeat,
      this.producer as NonNullable<ServerKafka['producer']>,
      resolveOffset,
    );
    // The handler's (and its interceptors') result: awaited, so the offset is committed only
    // after the batch's transaction.
    const result: unknown = await handler(undefined, context);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.on(consumer.events.GROUP_JOIN, (event) =>
      this.consumerStatus.assigned(event.payload.memberAssignment),
    );
    consumer.on(consumer.events.REBALANCING, () => this.consumerStatus.revoked());
    consumer.on(consumer.events.STOP, () => this.consumerStatus.revoked());
  }
}

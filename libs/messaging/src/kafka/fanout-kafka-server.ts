import { type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { ConsumerStatus } from '../consumer/consumer-status';
import type { OutboxRelay } from '../outbox/outbox-relay.service';

/**
 * NestJS's Kafka server, plus:
 * - partition assignments reported to ConsumerStatus (GET /status); Nest exposes the consumer only
 *   after it has joined, too late to see the first assignment;
 * - at close, once the consumer has finished the event in hand, the outbox relay publishes what
 *   that event produced, before Nest closes the database.
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

import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import { OrderStatsProjection } from './order-stats.projection';

/**
 * The payments topic, as analytics reads it: every event on it, folded into the projection in the
 * transaction that marks it processed (a redelivered event is skipped by the chassis' inbox).
 */
@Controller()
export class PaymentsEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly projection: OrderStatsProjection,
  ) {}

  @EventPattern(Topics.payments)
  onPaymentsEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      PaymentCompleted: (event, tx) => this.onPaymentCompleted(event, tx),
      PaymentFailed: (event, tx) => this.onPaymentFailed(event, tx),
      PaymentRefunded: (event, tx) => this.onPaymentRefunded(event, tx),
    });
  }

  private async onPaymentCompleted(
    event: EventOfType<'PaymentCompleted'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.payment(tx, event);
  }

  private async onPaymentFailed(
    event: EventOfType<'PaymentFailed'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.payment(tx, event);
  }

  private async onPaymentRefunded(
    event: EventOfType<'PaymentRefunded'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.payment(tx, event);
  }
}

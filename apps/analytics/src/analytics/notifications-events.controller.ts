import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import { OrderStatsProjection } from './order-stats.projection';

/**
 * The notifications topic, as analytics reads it: every event on it, folded into the projection in the
 * transaction that marks it processed (a redelivered event is skipped by the chassis' inbox).
 */
@Controller()
export class NotificationsEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly projection: OrderStatsProjection,
  ) {}

  @EventPattern(Topics.notifications)
  onNotificationsEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      NotificationSent: (event, tx) => this.onNotificationSent(event, tx),
    });
  }

  private async onNotificationSent(
    event: EventOfType<'NotificationSent'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.notificationSent(tx, event);
  }
}

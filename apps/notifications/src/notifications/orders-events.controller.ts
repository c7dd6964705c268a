import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { type Delivery, EventConsumer, Outbox } from '@fanout/messaging';
import { InvariantViolations } from '@fanout/observability';
import type { Transaction } from '@fanout/persistence';
import type { CustomerFacingEvent } from './compose-notification';
import { notificationRules } from './notifications-checks';
import { NotificationsService } from './notifications.service';

/**
 * The orders topic, as notifications reads it: tells the customer about each step of their
 * order, created, then completed or cancelled. An event that contradicts what the customer was
 * already told is refused and counted.
 */
@Controller()
export class OrdersEventsController {
  private readonly logger = new Logger(OrdersEventsController.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsService,
    private readonly violations: InvariantViolations,
  ) {
    violations.declare(notificationRules);
  }

  @EventPattern(Topics.orders)
  onOrdersEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: (event, tx, delivery) => this.onOrderCreated(event, tx, delivery),
      OrderCompleted: (event, tx, delivery) => this.onOrderCompleted(event, tx, delivery),
      OrderCancelled: (event, tx, delivery) => this.onOrderCancelled(event, tx, delivery),
    });
  }

  private onOrderCreated(
    event: EventOfType<'OrderCreated'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.notify(event, tx, delivery);
  }

  private onOrderCompleted(
    event: EventOfType<'OrderCompleted'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.notify(event, tx, delivery);
  }

  private onOrderCancelled(
    event: EventOfType<'OrderCancelled'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.notify(event, tx, delivery);
  }

  private async notify(
    event: CustomerFacingEvent,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    const result = await this.notifications.notify(tx, event, delivery.batchKeys);
    if ('refused' in result) {
      this.violations.record(result.refused.rule, result.refused.reason);
      return;
    }
    const { notification, outcome } = result;
    await this.outbox.add(tx, outcome);
    this.logger.log({
      msg: 'notification sent',
      recipient: notification.recipient,
      subject: notification.subject,
    });
  }
}

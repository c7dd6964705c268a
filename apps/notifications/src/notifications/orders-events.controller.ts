import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { EventConsumer, Outbox } from '@fanout/messaging';
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
      OrderCreated: (event, tx) => this.onOrderCreated(event, tx),
      OrderCompleted: (event, tx) => this.onOrderCompleted(event, tx),
      OrderCancelled: (event, tx) => this.onOrderCancelled(event, tx),
    });
  }

  private onOrderCreated(event: EventOfType<'OrderCreated'>, tx: Transaction): Promise<void> {
    return this.notify(event, tx);
  }

  private onOrderCompleted(event: EventOfType<'OrderCompleted'>, tx: Transaction): Promise<void> {
    return this.notify(event, tx);
  }

  private onOrderCancelled(event: EventOfType<'OrderCancelled'>, tx: Transaction): Promise<void> {
    return this.notify(event, tx);
  }

  private async notify(event: CustomerFacingEvent, tx: Transaction): Promise<void> {
    const result = await this.notifications.notify(tx.manager, event);
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

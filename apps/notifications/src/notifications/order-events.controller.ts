import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@fanout/contracts';
import { EventConsumer, Outbox } from '@fanout/messaging';
import { InvariantViolations } from '@fanout/observability';
import type { Transaction } from '@fanout/persistence';
import type { CustomerFacingEvent } from './compose-notification';
import { notificationRules } from './notification-checks';
import { NotificationsService } from './notifications.service';

/**
 * Tells the customer about each step of their order: created, then completed or cancelled. An
 * event that contradicts what the customer was already told is refused and counted.
 */
@Controller()
export class OrderEventsController {
  private readonly logger = new Logger(OrderEventsController.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsService,
    private readonly violations: InvariantViolations,
  ) {
    violations.declare(notificationRules);
  }

  @EventPattern(Topics.orders)
  onOrdersMessage(@Ctx() context: KafkaContext) {
    const notify = (event: CustomerFacingEvent, tx: Transaction) => this.notify(event, tx);
    return this.consumer.consume(context, {
      OrderCreated: notify,
      OrderCompleted: notify,
      OrderCancelled: notify,
    });
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

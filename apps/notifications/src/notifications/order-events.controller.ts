import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@fanout/contracts';
import { EventConsumer, Outbox } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import type { CustomerFacingEvent } from './compose-notification';
import { NotificationsService } from './notifications.service';

/** Tells the customer about each step of their order: created, then completed or cancelled. */
@Controller()
export class OrderEventsController {
  private readonly logger = new Logger(OrderEventsController.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsService,
  ) {}

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
    const { notification, outcome } = await this.notifications.notify(tx.manager, event);
    await this.outbox.add(tx, outcome);
    this.logger.log({
      msg: 'notification sent',
      recipient: notification.recipient,
      subject: notification.subject,
    });
  }
}

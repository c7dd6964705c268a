import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { causedBy, createEvent, EventOfType, NotificationSent } from '@fanout/contracts';
import type { OrderRecordsFilter } from '@fanout/chassis';
import { TransactionRunner } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';
import { composeNotification, CustomerFacingEvent } from './compose-notification';
import { checkNotification, type NotificationRefusal } from './notifications-checks';
import { Notification } from './notification.entity';

@Injectable()
export class NotificationsService {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Notifications sent, oldest first (the story of an order), of one order and/or one customer
   * when the filter says so.
   */
  list({ orderId, customerId, limit }: OrderRecordsFilter): Promise<Notification[]> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    return this.transactions.run(({ manager }) =>
      manager.find(Notification, {
        // The recipient is the customer the order belongs to.
        where: {
          ...(orderId !== undefined && { orderId }),
          ...(customerId !== undefined && { recipient: customerId }),
        },
        order: { createdAt: 'ASC' },
        take: limit,
      }),
    );
  }

  /**
   * Records the notification answering an order event and returns the NotificationSent event; or
   * refuses an event that contradicts what the customer was already told (checkNotification).
   * One order's events share a partition, so they are handled one after the other.
   */
  async notify(
    manager: EntityManager,
    event: CustomerFacingEvent,
  ): Promise<
    | { notification: Notification; outcome: EventOfType<'NotificationSent'> }
    | { refused: NotificationRefusal }
  > {
    const sent = await manager.find(Notification, {
      select: { inResponseTo: true, recipient: true },
      where: { orderId: event.payload.orderId },
      order: { createdAt: 'ASC' },
    });
    const refused = checkNotification(sent, event);
    if (refused) return { refused };
    const content = composeNotification(event);
    const notification = manager.create(Notification, {
      id: randomUUID(),
      orderId: event.payload.orderId,
      channel: 'email',
      ...content,
      inResponseTo: event.type,
      eventId: event.eventId,
    });
    await manager.insert(Notification, notification);
    const outcome = createEvent(
      NotificationSent,
      {
        orderId: notification.orderId,
        notificationId: notification.id,
        recipient: notification.recipient,
        channel: 'email',
        subject: notification.subject,
        inResponseTo: event.type,
      },
      causedBy(event, 'notifications'),
    );
    return { notification, outcome };
  }
}

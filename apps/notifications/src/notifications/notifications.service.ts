import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { causedBy, createEvent, EventOfType, NotificationSent } from '@fanout/contracts';
import type { OrderRecordsFilter } from '@fanout/chassis';
import { TransactionRunner } from '@fanout/persistence';
import type { EntityManager } from 'typeorm';
import { composeNotification, CustomerFacingEvent } from './compose-notification';
import {
  checkNotification,
  type NotificationRefusal,
  type SentNotification,
} from './notifications-checks';
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
    // Plain SQL: on this path TypeORM's query builder and entity hydration cost more CPU than the
    // statements themselves (docs/benchmarks.md).
    const sent: SentNotification[] = await manager.query(
      `SELECT in_response_to AS "inResponseTo", recipient FROM notifications
        WHERE order_id = $1 ORDER BY created_at`,
      [event.payload.orderId],
    );
    const refused = checkNotification(sent, event);
    if (refused) return { refused };
    const content = composeNotification(event);
    const id = randomUUID();
    const inserted: { created_at: Date | string }[] = await manager.query(
      `INSERT INTO notifications
         (id, order_id, recipient, channel, subject, body, in_response_to, event_id)
       VALUES ($1, $2, $3, 'email', $4, $5, $6, $7)
       RETURNING created_at`,
      [
        id,
        event.payload.orderId,
        content.recipient,
        content.subject,
        content.body,
        event.type,
        event.eventId,
      ],
    );
    const notification: Notification = {
      id,
      orderId: event.payload.orderId,
      channel: 'email',
      ...content,
      inResponseTo: event.type,
      eventId: event.eventId,
      createdAt: new Date(inserted[0].created_at),
    };
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

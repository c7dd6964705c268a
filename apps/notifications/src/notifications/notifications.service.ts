import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { causedBy, createEvent, EventOfType, NotificationSent } from '@fanout/contracts';
import type { OrderRecordsFilter } from '@fanout/chassis';
import { type Transaction, TransactionRunner } from '@fanout/persistence';
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
  private readonly inTransaction = new WeakMap<Transaction, NotificationsInTransaction>();

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
   * One order's events share a partition, so they are handled one after the other. `batchKeys`:
   * the orders of the other events in the transaction, read along with this one (see
   * Delivery.batchKeys).
   */
  async notify(
    tx: Transaction,
    event: CustomerFacingEvent,
    batchKeys: readonly (string | null)[] = [],
  ): Promise<
    | { notification: Notification; outcome: EventOfType<'NotificationSent'> }
    | { refused: NotificationRefusal }
  > {
    const { orderId } = event.payload;
    const notifications = await this.notificationsOf(tx, orderId, batchKeys);
    const sent = notifications.sentByOrder.get(orderId) ?? [];
    const refused = checkNotification(sent, event);
    if (refused) return { refused };
    const notification: Notification = {
      id: randomUUID(),
      orderId,
      channel: 'email',
      ...composeNotification(event),
      inResponseTo: event.type,
      eventId: event.eventId,
      createdAt: new Date(),
    };
    notifications.sentByOrder.set(orderId, [...sent, notification]);
    notifications.created.push(notification);
    const outcome = createEvent(
      NotificationSent,
      {
        orderId,
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

  /**
   * What the transaction's orders were told so far, the order's among them. The first call in a
   * transaction reads it for every order of the batch in one statement, and registers one INSERT
   * of the transaction's new notifications before the commit: a batch costs two statements, not
   * two per event. Plain SQL: on this path TypeORM's query builder and hydration cost more CPU
   * than the statements themselves (docs/benchmarks.md).
   */
  private async notificationsOf(
    tx: Transaction,
    orderId: string,
    batchKeys: readonly (string | null)[],
  ): Promise<NotificationsInTransaction> {
    let notifications = this.inTransaction.get(tx);
    if (!notifications) {
      notifications = { sentByOrder: new Map(), looked: new Set(), created: [] };
      this.inTransaction.set(tx, notifications);
      const registered = notifications;
      tx.beforeCommit(() => insertNotifications(tx.manager, registered.created));
    }
    if (!notifications.looked.has(orderId)) {
      const known = notifications.looked;
      const ids = [...new Set([orderId, ...batchKeys])].filter(
        (key): key is string => key !== null && isUuid(key) && !known.has(key),
      );
      const rows: (SentNotification & { orderId: string })[] =
        ids.length === 0
          ? []
          : await tx.manager.query(
              `SELECT order_id AS "orderId", in_response_to AS "inResponseTo", recipient
                 FROM notifications WHERE order_id = ANY($1::uuid[]) ORDER BY created_at`,
              [ids],
            );
      for (const row of rows) {
        notifications.sentByOrder.set(row.orderId, [
          ...(notifications.sentByOrder.get(row.orderId) ?? []),
          row,
        ]);
      }
      for (const id of ids) known.add(id);
    }
    return notifications;
  }
}

/** A transaction's notifications: what its orders were told, what it adds. */
interface NotificationsInTransaction {
  sentByOrder: Map<string, SentNotification[]>;
  /** Orders already looked up, told something or not. */
  looked: Set<string>;
  created: Notification[];
}

async function insertNotifications(
  manager: EntityManager,
  created: readonly Notification[],
): Promise<void> {
  if (created.length === 0) return;
  const column = <T>(pick: (notification: Notification) => T) => created.map(pick);
  await manager.query(
    `INSERT INTO notifications
       (id, order_id, recipient, channel, subject, body, in_response_to, event_id, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                          $7::text[], $8::uuid[], $9::timestamptz[])`,
    [
      column((n) => n.id),
      column((n) => n.orderId),
      column((n) => n.recipient),
      column((n) => n.channel),
      column((n) => n.subject),
      column((n) => n.body),
      column((n) => n.inResponseTo),
      column((n) => n.eventId),
      column((n) => n.createdAt),
    ],
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

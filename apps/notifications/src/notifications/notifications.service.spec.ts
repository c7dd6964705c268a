import { randomUUID } from 'node:crypto';
import { createEvent, OrderCancelled } from '@fanout/contracts';
import { openTemporaryDataSource, type TemporaryDataSource } from '@fanout/persistence';
import type { DataSource } from 'typeorm';
import { notificationsEntities, notificationsMigrations } from '../notifications-schema';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

describe('NotificationsService', () => {
  const service = new NotificationsService();
  let database: TemporaryDataSource;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openTemporaryDataSource({
      entities: notificationsEntities,
      migrations: notificationsMigrations,
    });
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('records the notification answering an event and announces NotificationSent', async () => {
    const orderId = randomUUID();
    const event = createEvent(
      OrderCancelled,
      { orderId, customerId: 'customer-42', reasonCode: 'STOCK_REJECTED', reason: 'out of stock' },
      { producer: 'orders', correlationId: orderId },
    );

    const { notification, outcome } = await dataSource.transaction((manager) =>
      service.notify(manager, event),
    );

    expect(await dataSource.manager.findOneByOrFail(Notification, { orderId })).toMatchObject({
      id: notification.id,
      recipient: 'customer-42',
      channel: 'email',
      subject: 'Your order was cancelled',
      inResponseTo: 'OrderCancelled',
      eventId: event.eventId,
    });
    expect(outcome).toMatchObject({
      type: 'NotificationSent',
      causationId: event.eventId,
      payload: {
        orderId,
        notificationId: notification.id,
        recipient: 'customer-42',
        channel: 'email',
        subject: 'Your order was cancelled',
        inResponseTo: 'OrderCancelled',
      },
    });
  });
});

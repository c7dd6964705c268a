import { randomUUID } from 'node:crypto';
import { createEvent, OrderCancelled, OrderCompleted, OrderCreated } from '@fanout/contracts';
import { openTemporaryDataSource, type TemporaryDataSource } from '@fanout/testing';
import { TransactionRunner } from '@fanout/persistence';
import { type DataSource, In } from 'typeorm';
import { notificationsSchema } from '../notifications-schema';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

describe('NotificationsService', () => {
  let service: NotificationsService;
  let database: TemporaryDataSource;
  let dataSource: DataSource;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    database = await openTemporaryDataSource(notificationsSchema);
    dataSource = database.dataSource;
    transactions = new TransactionRunner(dataSource, { serialize: false });
    service = new NotificationsService(transactions);
  });

  afterAll(async () => {
    await database?.close();
  });

  const origin = (orderId: string) => ({ producer: 'orders' as const, correlationId: orderId });
  const created = (orderId: string) =>
    createEvent(
      OrderCreated,
      {
        orderId,
        customerId: 'customer-42',
        items: [{ sku: 'CABLE-01', quantity: 1, unitPriceCents: 900 }],
        totalCents: 900,
      },
      origin(orderId),
    );
  const completed = (orderId: string, customerId = 'customer-42') =>
    createEvent(OrderCompleted, { orderId, customerId, totalCents: 900 }, origin(orderId));
  const notify = (event: Parameters<NotificationsService['notify']>[1]) =>
    transactions.run((tx) => service.notify(tx, event));

  it('records the notification answering an event and announces NotificationSent', async () => {
    const orderId = randomUUID();
    await notify(created(orderId));
    const event = createEvent(
      OrderCancelled,
      { orderId, customerId: 'customer-42', reasonCode: 'STOCK_REJECTED', reason: 'out of stock' },
      { producer: 'orders', correlationId: orderId },
    );

    const result = await notify(event);
    if ('refused' in result) throw new Error(result.refused.reason);
    const { notification, outcome } = result;

    expect(
      await dataSource.manager.findOneByOrFail(Notification, {
        orderId,
        inResponseTo: 'OrderCancelled',
      }),
    ).toMatchObject({
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

  it('never tells "confirmed" after "cancelled", nor about an order never announced or to someone else', async () => {
    const orderId = randomUUID();
    await notify(created(orderId));
    await notify(
      createEvent(
        OrderCancelled,
        { orderId, customerId: 'customer-42', reasonCode: 'PAYMENT_FAILED', reason: 'declined' },
        origin(orderId),
      ),
    );

    await expect(notify(completed(orderId))).resolves.toEqual({
      refused: expect.objectContaining({ rule: 'complete-after-cancel' }),
    });
    await expect(notify(completed(randomUUID()))).resolves.toEqual({
      refused: expect.objectContaining({ rule: 'unknown-order' }),
    });
    const other = randomUUID();
    await notify(created(other));
    await expect(notify(completed(other, 'mallory'))).resolves.toEqual({
      refused: expect.objectContaining({ rule: 'customer-mismatch' }),
    });
    expect(
      (await dataSource.manager.findBy(Notification, { orderId }))
        .map((n) => n.inResponseTo)
        .sort(),
    ).toEqual(['OrderCancelled', 'OrderCreated']);
  });

  it("handles a batch's events in one transaction as it would one at a time", async () => {
    const [first, second, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    await notify(created(second));
    const keys = [first, second, unknown];

    const results = await transactions.run(async (tx) => [
      await service.notify(tx, created(first), keys),
      await service.notify(tx, completed(first), keys),
      await service.notify(tx, completed(first), keys),
      await service.notify(tx, completed(second, 'mallory'), keys),
      await service.notify(tx, completed(unknown), keys),
    ]);

    expect(results.map((result) => ('refused' in result ? result.refused.rule : 'sent'))).toEqual([
      'sent',
      'sent',
      'duplicate-outcome',
      'customer-mismatch',
      'unknown-order',
    ]);
    const stored = await dataSource.manager.findBy(Notification, { orderId: In(keys) });
    expect(
      stored.map((n) => `${n.orderId === first ? 'first' : 'second'} ${n.inResponseTo}`).sort(),
    ).toEqual(['first OrderCompleted', 'first OrderCreated', 'second OrderCreated']);
  });
});

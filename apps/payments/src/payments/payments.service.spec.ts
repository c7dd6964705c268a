import { randomUUID } from 'node:crypto';
import { createEvent, OrderCancelled, OrderCreated } from '@fanout/contracts';
import { openTemporaryDataSource, type TemporaryDataSource } from '@fanout/persistence';
import { type DataSource, QueryFailedError } from 'typeorm';
import { paymentsEntities, paymentsMigrations } from '../payments-schema';
import { Payment } from './payment.entity';
import { PaymentsService } from './payments.service';

function orderCreated(totalCents: number) {
  const orderId = randomUUID();
  return createEvent(
    OrderCreated,
    {
      orderId,
      customerId: 'customer-42',
      items: [{ sku: 'KEYBOARD-01', quantity: 1, unitPriceCents: totalCents }],
      totalCents,
    },
    { producer: 'orders', correlationId: orderId },
  );
}

function orderCancelled(orderId: string, reasonCode: 'PAYMENT_FAILED' | 'STOCK_REJECTED') {
  const reason =
    reasonCode === 'PAYMENT_FAILED'
      ? 'payment failed: insufficient funds'
      : 'stock rejected: out of stock: SOLD-OUT-01';
  return createEvent(
    OrderCancelled,
    { orderId, customerId: 'customer-42', reasonCode, reason },
    { producer: 'orders', correlationId: orderId },
  );
}

describe('PaymentsService', () => {
  const service = new PaymentsService();
  let database: TemporaryDataSource;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openTemporaryDataSource({
      entities: paymentsEntities,
      migrations: paymentsMigrations,
    });
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('charges an order and announces PaymentCompleted, caused by the OrderCreated event', async () => {
    const event = orderCreated(4999);

    const { payment, outcome } = await dataSource.transaction((manager) =>
      service.chargeOrder(manager, event),
    );

    expect(outcome).toMatchObject({
      type: 'PaymentCompleted',
      producer: 'payments',
      causationId: event.eventId,
      correlationId: event.correlationId,
      payload: { orderId: event.payload.orderId, paymentId: payment.id, amountCents: 4999 },
    });
    expect(await dataSource.manager.findOneByOrFail(Payment, { id: payment.id })).toMatchObject({
      orderId: event.payload.orderId,
      amountCents: 4999,
      status: 'COMPLETED',
      reason: null,
      orderEventId: event.eventId,
    });
  });

  it('records a declined payment and announces PaymentFailed with the reason', async () => {
    const event = orderCreated(150_000);

    const { payment, outcome } = await dataSource.transaction((manager) =>
      service.chargeOrder(manager, event),
    );

    expect(payment).toMatchObject({ status: 'FAILED', reason: 'insufficient funds' });
    expect(outcome).toMatchObject({
      type: 'PaymentFailed',
      payload: { amountCents: 150_000, reason: 'insufficient funds' },
    });
  });

  it('never charges one order twice', async () => {
    const event = orderCreated(1000);
    await dataSource.transaction((manager) => service.chargeOrder(manager, event));

    const again = dataSource.transaction((manager) =>
      service.chargeOrder(manager, { ...event, eventId: randomUUID() }),
    );

    await expect(again).rejects.toBeInstanceOf(QueryFailedError);
    const payments = await dataSource.transaction((manager) =>
      service.list(manager, { orderId: event.payload.orderId, limit: 10 }),
    );
    expect(payments).toHaveLength(1);
  });

  it('refunds a charged order that was cancelled, once', async () => {
    const charged = orderCreated(2500);
    await dataSource.transaction((manager) => service.chargeOrder(manager, charged));
    const cancelled = orderCancelled(charged.payload.orderId, 'STOCK_REJECTED');

    const first = await dataSource.transaction((manager) =>
      service.refundOrder(manager, cancelled),
    );
    const again = await dataSource.transaction((manager) =>
      service.refundOrder(manager, cancelled),
    );

    expect(first.outcome).toMatchObject({
      type: 'PaymentRefunded',
      causationId: cancelled.eventId,
      payload: {
        orderId: charged.payload.orderId,
        paymentId: first.payment?.id,
        amountCents: 2500,
        reason: 'order cancelled: stock rejected: out of stock: SOLD-OUT-01',
      },
    });
    expect(again.outcome).toBeNull();
    expect(
      await dataSource.manager.findOneByOrFail(Payment, { orderId: charged.payload.orderId }),
    ).toMatchObject({ status: 'REFUNDED', refundId: first.outcome?.payload.refundId });
  });

  it('has nothing to refund for a declined payment or an unknown order', async () => {
    const declined = orderCreated(150_000);
    await dataSource.transaction((manager) => service.chargeOrder(manager, declined));

    const refunds = await Promise.all(
      [declined.payload.orderId, randomUUID()].map((orderId) =>
        dataSource.transaction((manager) =>
          service.refundOrder(manager, orderCancelled(orderId, 'PAYMENT_FAILED')),
        ),
      ),
    );

    expect(refunds.map(({ outcome }) => outcome)).toEqual([null, null]);
    expect(refunds[0].payment?.status).toBe('FAILED');
  });
});

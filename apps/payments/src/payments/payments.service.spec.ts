import { randomUUID } from 'node:crypto';
import {
  createEvent,
  OrderCancelled,
  OrderCompleted,
  OrderCreated,
  OrderUnknown,
} from '@fanout/contracts';
import { openTemporaryDataSource, type TemporaryDataSource } from '@fanout/testing';
import { TransactionRunner } from '@fanout/persistence';
import { type DataSource, In } from 'typeorm';
import { paymentsSchema } from '../payments-schema';
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

function orderCompleted(orderId: string, totalCents: number) {
  return createEvent(
    OrderCompleted,
    { orderId, customerId: 'customer-42', totalCents },
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
  let service: PaymentsService;

  /** chargeOrder's answer for an order it accepts. */
  const charge = async (event: ReturnType<typeof orderCreated>) => {
    const result = await transactions.run((tx) => service.chargeOrder(tx, event));
    if ('refused' in result) throw new Error(`refused: ${result.refused.reason}`);
    return result;
  };
  let database: TemporaryDataSource;
  let dataSource: DataSource;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    database = await openTemporaryDataSource(paymentsSchema);
    dataSource = database.dataSource;
    transactions = new TransactionRunner(dataSource, { serialize: false });
    service = new PaymentsService(transactions);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('charges an order and announces PaymentCompleted, caused by the OrderCreated event', async () => {
    const event = orderCreated(4999);

    const { payment, outcome } = await charge(event);

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

    const { payment, outcome } = await charge(event);

    expect(payment).toMatchObject({ status: 'FAILED', reason: 'insufficient funds' });
    expect(outcome).toMatchObject({
      type: 'PaymentFailed',
      payload: { amountCents: 150_000, reason: 'insufficient funds' },
    });
  });

  it('never charges one order twice', async () => {
    const event = orderCreated(1000);
    await charge(event);

    const again = await transactions.run((tx) =>
      service.chargeOrder(tx, { ...event, eventId: randomUUID() }),
    );

    expect(again).toEqual({ refused: expect.objectContaining({ rule: 'duplicate-order' }) });
    const payments = await service.list({ orderId: event.payload.orderId, limit: 10 });
    expect(payments).toHaveLength(1);
  });

  it("lists an order's payment to its customer only", async () => {
    const event = orderCreated(2500);
    await charge(event);
    const { orderId } = event.payload;

    const own = await service.list({ orderId, customerId: 'customer-42', limit: 10 });
    const others = await service.list({ orderId, customerId: 'customer-7', limit: 10 });

    expect(own.map((payment) => payment.orderId)).toEqual([orderId]);
    expect(others).toEqual([]);
  });

  it("charges nothing for an OrderCreated whose total is not its lines' sum", async () => {
    const event = orderCreated(120_000);
    const forged = { ...event, payload: { ...event.payload, totalCents: 1 } };

    const result = await transactions.run((tx) => service.chargeOrder(tx, forged));

    expect(result).toEqual({
      refused: {
        action: 'refuse',
        rule: 'order-total-mismatch',
        reason: 'OrderCreated with a total of 1 cents; its lines add up to 120000',
      },
    });
    expect(await dataSource.manager.countBy(Payment, { orderId: event.payload.orderId })).toBe(0);
  });

  it("makes a completed order's payment final: a later cancellation refunds nothing", async () => {
    const charged = orderCreated(3000);
    await charge(charged);
    const { orderId } = charged.payload;

    const completed = await transactions.run((tx) =>
      service.recordCompletion(tx, orderCompleted(orderId, 3000)),
    );
    expect(completed.step).toEqual({ action: 'record-completion' });
    expect(completed.payment?.orderCompletedAt).toBeInstanceOf(Date);

    const cancelled = await transactions.run((tx) =>
      service.refundOrder(tx, orderCancelled(orderId, 'STOCK_REJECTED')),
    );
    expect(cancelled).toMatchObject({
      step: { action: 'refuse', rule: 'cancel-after-complete' },
      refunded: null,
    });
    expect(await dataSource.manager.findOneByOrFail(Payment, { orderId })).toMatchObject({
      status: 'COMPLETED',
      refundId: null,
    });
  });

  it('refuses an OrderCompleted for another total, a failed payment or an unknown order', async () => {
    const charged = orderCreated(3000);
    await charge(charged);
    const declined = orderCreated(150_000);
    await charge(declined);

    const steps = await Promise.all(
      [
        orderCompleted(charged.payload.orderId, 1),
        orderCompleted(declined.payload.orderId, 150_000),
        orderCompleted(randomUUID(), 3000),
      ].map(
        async (event) => (await transactions.run((tx) => service.recordCompletion(tx, event))).step,
      ),
    );

    expect(steps).toEqual([
      expect.objectContaining({ rule: 'complete-amount-mismatch' }),
      expect.objectContaining({ rule: 'complete-without-payment' }),
      expect.objectContaining({ rule: 'unknown-order' }),
    ]);
    expect(
      await dataSource.manager.findOneByOrFail(Payment, { orderId: charged.payload.orderId }),
    ).toMatchObject({ orderCompletedAt: null });
  });

  it('refunds a charged order that was cancelled, once', async () => {
    const charged = orderCreated(2500);
    await charge(charged);
    const cancelled = orderCancelled(charged.payload.orderId, 'STOCK_REJECTED');

    const first = await transactions.run((tx) => service.refundOrder(tx, cancelled));
    const again = await transactions.run((tx) => service.refundOrder(tx, cancelled));

    expect(first.refunded).toMatchObject({
      type: 'PaymentRefunded',
      causationId: cancelled.eventId,
      payload: {
        orderId: charged.payload.orderId,
        paymentId: first.payment?.id,
        amountCents: 2500,
        reason: 'order cancelled: stock rejected: out of stock: SOLD-OUT-01',
      },
    });
    expect(again).toMatchObject({ refunded: null, step: { action: 'nothing' } });
    expect(
      await dataSource.manager.findOneByOrFail(Payment, { orderId: charged.payload.orderId }),
    ).toMatchObject({ status: 'REFUNDED', refundId: first.refunded?.payload.refundId });
  });

  it('has nothing to refund for a declined payment, and refuses a cancellation of an unknown order', async () => {
    const declined = orderCreated(150_000);
    await charge(declined);

    const refunds = await Promise.all(
      [declined.payload.orderId, randomUUID()].map((orderId) =>
        transactions.run((tx) =>
          service.refundOrder(tx, orderCancelled(orderId, 'PAYMENT_FAILED')),
        ),
      ),
    );

    expect(refunds.map(({ refunded }) => refunded)).toEqual([null, null]);
    expect(refunds.map(({ step }) => step)).toEqual([
      { action: 'nothing' },
      expect.objectContaining({ action: 'refuse', rule: 'unknown-order' }),
    ]);
    expect(refunds[0].payment?.status).toBe('FAILED');
  });

  it('refunds what it charged for an order orders never created (OrderUnknown)', async () => {
    const forged = orderCreated(2000);
    await charge(forged);
    const { orderId } = forged.payload;
    const unknown = createEvent(
      OrderUnknown,
      { orderId, reason: 'PaymentCompleted for an order orders never created' },
      { producer: 'orders', correlationId: orderId },
    );

    const { step, refunded } = await transactions.run((tx) => service.refundOrder(tx, unknown));

    expect(step).toEqual({ action: 'refund' });
    expect(refunded?.payload).toMatchObject({
      amountCents: 2000,
      reason: 'order unknown: PaymentCompleted for an order orders never created',
    });
    // Nothing to give back for an order it never charged either: not a violation here.
    const none = await transactions.run((tx) =>
      service.refundOrder(tx, {
        ...unknown,
        payload: { ...unknown.payload, orderId: randomUUID() },
      }),
    );
    expect(none).toMatchObject({ step: { action: 'nothing' }, refunded: null });
  });

  it("handles a batch's events in one transaction as it would one at a time", async () => {
    const [first, second, earlier] = [orderCreated(1500), orderCreated(2500), orderCreated(700)];
    await charge(earlier);
    const keys = [first, second, earlier].map((event) => event.payload.orderId);
    const firstId = first.payload.orderId;

    const results = await transactions.run(async (tx) => ({
      first: await service.chargeOrder(tx, first, keys),
      second: await service.chargeOrder(tx, second, keys),
      completed: await service.recordCompletion(tx, orderCompleted(firstId, 1500), keys),
      again: await service.chargeOrder(tx, { ...first, eventId: randomUUID() }, keys),
      earlier: await service.chargeOrder(tx, earlier, keys),
      refund: await service.refundOrder(
        tx,
        orderCancelled(second.payload.orderId, 'STOCK_REJECTED'),
        keys,
      ),
    }));

    expect(results.completed.step).toEqual({ action: 'record-completion' });
    expect(results.again).toMatchObject({ refused: { rule: 'duplicate-order' } });
    expect(results.earlier).toMatchObject({ refused: { rule: 'duplicate-order' } });
    expect(results.refund.step).toEqual({ action: 'refund' });
    const stored = await dataSource.manager.findBy(Payment, { orderId: In(keys) });
    expect(Object.fromEntries(stored.map((p) => [p.orderId, p]))).toEqual({
      [firstId]: expect.objectContaining({
        amountCents: 1500,
        status: 'COMPLETED',
        orderCompletedAt: expect.any(Date),
      }),
      [second.payload.orderId]: expect.objectContaining({
        amountCents: 2500,
        status: 'REFUNDED',
        refundId: results.refund.refunded?.payload.refundId,
        orderCompletedAt: null,
      }),
      [earlier.payload.orderId]: expect.objectContaining({ amountCents: 700, status: 'COMPLETED' }),
    });
  });
});

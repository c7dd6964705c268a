import {
  createEvent,
  OrderCancelled,
  OrderCompleted,
  OrderCreated,
  OrderUnknown,
} from '@fanout/contracts';
import { openTemporaryDataSource, type TemporaryDataSource } from '@fanout/testing';
import { randomUUID } from 'node:crypto';
import { TransactionRunner } from '@fanout/persistence';
import { type DataSource, In } from 'typeorm';
import { inventorySchema } from '../inventory-schema';
import { seedDemoCatalogue } from '../products/catalogue-seeder';
import { Product } from '../products/product.entity';
import { Reservation } from './reservation.entity';
import { ReservationsService } from './reservations.service';

function orderCreated(items: Array<{ sku: string; quantity: number }>) {
  const orderId = randomUUID();
  return createEvent(
    OrderCreated,
    {
      orderId,
      customerId: 'customer-42',
      items: items.map((item) => ({ ...item, unitPriceCents: 1000 })),
      totalCents: 1000 * items.reduce((sum, item) => sum + item.quantity, 0),
    },
    { producer: 'orders', correlationId: orderId },
  );
}

function orderCancelled(orderId: string) {
  return createEvent(
    OrderCancelled,
    { orderId, customerId: 'customer-42', reasonCode: 'PAYMENT_FAILED', reason: 'payment failed' },
    { producer: 'orders', correlationId: orderId },
  );
}

let service: ReservationsService;
let transactions: TransactionRunner;

/** reserveForOrder's answer, for an order it has not seen before. */
async function reserve(event: ReturnType<typeof orderCreated>) {
  const result = await transactions.run((tx) => service.reserveForOrder(tx, event));
  if ('refused' in result) throw new Error(`refused: ${result.refused.reason}`);
  return result;
}

function orderCompleted(orderId: string) {
  return createEvent(
    OrderCompleted,
    { orderId, customerId: 'customer-42', totalCents: 1000 },
    { producer: 'orders', correlationId: orderId },
  );
}

const settle = (event: Parameters<ReservationsService['settleForOrder']>[1]) =>
  transactions.run((tx) => service.settleForOrder(tx, event));
const stockOf = async (dataSource: DataSource, sku: string) => {
  const { available, reserved } = await dataSource.manager.findOneByOrFail(Product, { sku });
  return { available, reserved };
};

// On the local PostgreSQL server: real row locks. (The end-to-end suite covers PGlite.)
describe('ReservationsService', () => {
  let database: TemporaryDataSource;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openTemporaryDataSource(inventorySchema);
    dataSource = database.dataSource;
    transactions = new TransactionRunner(dataSource, { serialize: false });
    service = new ReservationsService(transactions);
    await seedDemoCatalogue(dataSource.manager);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('reserves every line and announces StockReserved', async () => {
    const event = orderCreated([
      { sku: 'CABLE-01', quantity: 2 },
      { sku: 'MOUSE-01', quantity: 1 },
      { sku: 'CABLE-01', quantity: 1 },
    ]);

    const { reservation, outcome } = await reserve(event);

    expect(reservation.status).toBe('RESERVED');
    expect(outcome).toMatchObject({
      type: 'StockReserved',
      causationId: event.eventId,
      correlationId: event.correlationId,
      payload: {
        orderId: event.payload.orderId,
        reservationId: reservation.id,
        items: [
          { sku: 'CABLE-01', quantity: 3 },
          { sku: 'MOUSE-01', quantity: 1 },
        ],
      },
    });
    expect(await stockOf(dataSource, 'CABLE-01')).toEqual({ available: 4997, reserved: 3 });
    expect(await stockOf(dataSource, 'MOUSE-01')).toEqual({ available: 999, reserved: 1 });
  });

  it('reserves nothing when one line is short, and says which', async () => {
    const event = orderCreated([
      { sku: 'HEADSET-01', quantity: 1 },
      { sku: 'SOLD-OUT-01', quantity: 1 },
      { sku: 'NO-SUCH-SKU', quantity: 2 },
    ]);

    const { reservation, outcome } = await reserve(event);

    expect(reservation.status).toBe('REJECTED');
    expect(outcome).toMatchObject({
      type: 'StockRejected',
      payload: {
        reason: 'out of stock: SOLD-OUT-01; unknown SKU: NO-SUCH-SKU',
        shortages: [
          { sku: 'NO-SUCH-SKU', requested: 2, available: 0 },
          { sku: 'SOLD-OUT-01', requested: 1, available: 0 },
        ],
      },
    });
    expect(await stockOf(dataSource, 'HEADSET-01')).toEqual({ available: 500, reserved: 0 });
  });

  it('seeds the catalogue once and keeps the stock on later starts', async () => {
    expect(await seedDemoCatalogue(dataSource.manager)).toEqual([]);
    expect(await stockOf(dataSource, 'CABLE-01')).toEqual({ available: 4997, reserved: 3 });
  });

  it('gives the stock of a cancelled order back, once', async () => {
    const before = await stockOf(dataSource, 'HEADSET-01');
    const event = orderCreated([{ sku: 'HEADSET-01', quantity: 4 }]);
    await reserve(event);
    const cancelled = orderCancelled(event.payload.orderId);

    const first = await settle(cancelled);
    const again = await settle(cancelled);

    expect(first.released).toMatchObject({
      type: 'StockReleased',
      causationId: cancelled.eventId,
      payload: {
        orderId: event.payload.orderId,
        reservationId: first.reservation?.id,
        items: [{ sku: 'HEADSET-01', quantity: 4 }],
      },
    });
    expect(again).toMatchObject({ released: null, step: { action: 'nothing' } });
    expect(again.reservation?.status).toBe('RELEASED');
    expect(await stockOf(dataSource, 'HEADSET-01')).toEqual(before);
  });

  it('has nothing to release for a rejected reservation', async () => {
    const event = orderCreated([{ sku: 'SOLD-OUT-01', quantity: 1 }]);
    await reserve(event);

    const { reservation, released } = await settle(orderCancelled(event.payload.orderId));

    expect(released).toBeNull();
    expect(reservation?.status).toBe('REJECTED');
  });

  it("commits a completed order's stock: it leaves reserved, and a cancellation cannot return it", async () => {
    const before = await stockOf(dataSource, 'KEYBOARD-01');
    const event = orderCreated([{ sku: 'KEYBOARD-01', quantity: 3 }]);
    await reserve(event);
    expect(await stockOf(dataSource, 'KEYBOARD-01')).toEqual({
      available: before.available - 3,
      reserved: before.reserved + 3,
    });

    const completed = await settle(orderCompleted(event.payload.orderId));
    expect(completed).toMatchObject({ step: { action: 'commit' }, released: null });
    expect(completed.reservation).toMatchObject({ status: 'COMMITTED' });
    const sold = { available: before.available - 3, reserved: before.reserved };
    expect(await stockOf(dataSource, 'KEYBOARD-01')).toEqual(sold);

    const cancelled = await settle(orderCancelled(event.payload.orderId));
    expect(cancelled).toMatchObject({
      step: { action: 'refuse', rule: 'cancel-after-complete' },
      released: null,
    });
    expect(await stockOf(dataSource, 'KEYBOARD-01')).toEqual(sold);
  });

  it('refuses a completion it cannot match: unknown order, cancelled order, second OrderCreated', async () => {
    const unknown = await settle(orderCompleted(randomUUID()));
    expect(unknown.step).toMatchObject({ action: 'refuse', rule: 'unknown-order' });

    const event = orderCreated([{ sku: 'MOUSE-01', quantity: 1 }]);
    await reserve(event);
    await settle(orderCancelled(event.payload.orderId));
    const before = await stockOf(dataSource, 'MOUSE-01');
    const late = await settle(orderCompleted(event.payload.orderId));
    expect(late.step).toMatchObject({ action: 'refuse', rule: 'complete-after-cancel' });
    expect(await stockOf(dataSource, 'MOUSE-01')).toEqual(before);

    const again = createEvent(OrderCreated, event.payload, {
      producer: 'orders',
      correlationId: event.payload.orderId,
    });
    await expect(transactions.run((tx) => service.reserveForOrder(tx, again))).resolves.toEqual({
      refused: expect.objectContaining({ rule: 'duplicate-order' }),
    });
    expect(await stockOf(dataSource, 'MOUSE-01')).toEqual(before);
  });

  it('releases what an order orders never created holds (OrderUnknown)', async () => {
    const before = await stockOf(dataSource, 'HEADSET-01');
    const forged = orderCreated([{ sku: 'HEADSET-01', quantity: 20 }]);
    await reserve(forged);
    const { orderId } = forged.payload;

    const { step, released } = await settle(
      createEvent(
        OrderUnknown,
        { orderId, reason: 'StockReserved for an order orders never created' },
        { producer: 'orders', correlationId: orderId },
      ),
    );

    expect(step).toEqual({ action: 'release' });
    expect(released?.payload).toMatchObject({
      orderId,
      items: [{ sku: 'HEADSET-01', quantity: 20 }],
    });
    expect(await stockOf(dataSource, 'HEADSET-01')).toEqual(before);
  });

  it("handles a batch's events in one transaction as it would one at a time", async () => {
    const headset = await stockOf(dataSource, 'HEADSET-01');
    const cable = await stockOf(dataSource, 'CABLE-01');
    const earlier = orderCreated([{ sku: 'HEADSET-01', quantity: 10 }]);
    await reserve(earlier);
    const a = orderCreated([
      { sku: 'HEADSET-01', quantity: 5 },
      { sku: 'CABLE-01', quantity: 2 },
    ]);
    // One more headset than the batch leaves once `a` holds its five.
    const b = orderCreated([{ sku: 'HEADSET-01', quantity: headset.available - 14 }]);
    const keys = [a, b, earlier].map((event) => event.payload.orderId);

    const results = await transactions.run(async (tx) => ({
      a: await service.reserveForOrder(tx, a, keys),
      b: await service.reserveForOrder(tx, b, keys),
      completed: await service.settleForOrder(tx, orderCompleted(a.payload.orderId), keys),
      cancelled: await service.settleForOrder(tx, orderCancelled(earlier.payload.orderId), keys),
      again: await service.reserveForOrder(tx, { ...a, eventId: randomUUID() }, keys),
    }));

    expect(results.b).toMatchObject({ reservation: { status: 'REJECTED' } });
    expect(results.completed.step).toEqual({ action: 'commit' });
    expect(results.cancelled.step).toEqual({ action: 'release' });
    expect(results.again).toEqual({
      refused: expect.objectContaining({ rule: 'duplicate-order' }),
    });
    expect(await stockOf(dataSource, 'HEADSET-01')).toEqual({
      available: headset.available - 5,
      reserved: headset.reserved,
    });
    expect(await stockOf(dataSource, 'CABLE-01')).toEqual({
      available: cable.available - 2,
      reserved: cable.reserved,
    });
    const stored = await dataSource.manager.findBy(Reservation, { orderId: In(keys) });
    expect(new Map(stored.map((r) => [r.orderId, r.status]))).toEqual(
      new Map([
        [a.payload.orderId, 'COMMITTED'],
        [b.payload.orderId, 'REJECTED'],
        [earlier.payload.orderId, 'RELEASED'],
      ]),
    );
  });

  it('never oversells when concurrent orders compete for the last units', async () => {
    // 50 monitors; 30 concurrent orders of 2 each want 60.
    const events = Array.from({ length: 30 }, () =>
      orderCreated([{ sku: 'MONITOR-01', quantity: 2 }]),
    );

    const results = await Promise.all(
      events.map((event) => transactions.run((tx) => service.reserveForOrder(tx, event))),
    );

    const reserved = results.filter(
      (result) => !('refused' in result) && result.reservation.status === 'RESERVED',
    );
    expect(reserved).toHaveLength(25);
    expect(await stockOf(dataSource, 'MONITOR-01')).toEqual({ available: 0, reserved: 50 });
  });
});

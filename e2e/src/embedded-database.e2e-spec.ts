import { eventually } from '@fanout/testing';
import { FanoutApi } from './support/fanout-api';
import { startFanoutSystem, type FanoutSystem } from './support/fanout-system';

// An order goes through four processes and a broker: allow for a slow machine.
jest.setTimeout(60_000);

describe('an order through Fanout on embedded PGlite (zero set-up mode)', () => {
  let system: FanoutSystem;
  let api: FanoutApi;

  // Four services starting at once on two cores: generous, for a busy CI machine.
  beforeAll(async () => {
    system = await startFanoutSystem({ database: 'pglite' });
    api = new FanoutApi(system);
  }, 300_000);

  afterAll(() => system?.stop(), 60_000);

  it('completes an order, with a payment, a reservation and notifications for it', async () => {
    const placed = await api.placeOrder({
      customerId: 'pglite-customer',
      items: [{ sku: 'CABLE-01', quantity: 3 }],
    });

    const order = await api.finalOrder(placed.body.id);
    expect(order.status).toBe('COMPLETED');
    expect(await api.payments(order.id)).toEqual([
      expect.objectContaining({ status: 'COMPLETED', amountCents: 2700 }),
    ]);
    // Completed: inventory commits the reservation (the stock leaves reserved).
    const reservations = await eventually(async () => {
      const found = await api.reservations(order.id);
      return found[0]?.status === 'COMMITTED' ? found : undefined;
    });
    expect(reservations).toEqual([
      expect.objectContaining({ status: 'COMMITTED', items: [{ sku: 'CABLE-01', quantity: 3 }] }),
    ]);
    const notifications = await eventually(async () => {
      const found = await api.notifications(order.id);
      return found.some((n) => n.inResponseTo === 'OrderCompleted') ? found : undefined;
    });
    expect(notifications.map((n) => n.inResponseTo).sort()).toEqual([
      'OrderCompleted',
      'OrderCreated',
    ]);
  });
});

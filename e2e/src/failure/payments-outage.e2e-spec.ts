import { randomUUID } from 'node:crypto';
import { eventually } from '@fanout/testing';
import { awaitSettled } from './support/effects-audit';
import { recordFigures } from './support/figures';
import { payableOrder, placeOrder } from './support/order-load';
import { FAILURE_SCENARIOS } from '../support/fanout-system';
import { useFanoutSystem } from '../support/use-fanout-system';

jest.setTimeout(180_000);

const ORDERS = 20;

describe('failure isolation: the payments service is down', () => {
  const { system } = useFanoutSystem(FAILURE_SCENARIOS);

  it('keeps taking orders, lets inventory and notifications react, and completes them all once payments is back', async () => {
    await system().service('payments').stop();
    const customerId = `payments-outage-${randomUUID().slice(0, 8)}`;

    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      orderIds.push(await placeOrder(system().api, payableOrder(customerId)));
    }

    // Inventory and notifications do not wait for payments.
    await eventually(
      async () => {
        const [reserved] = await system().query<{ n: string }>(
          'inventory',
          "SELECT count(*) AS n FROM reservations WHERE order_id = ANY($1::uuid[]) AND status = 'RESERVED'",
          [orderIds],
        );
        const [notified] = await system().query<{ n: string }>(
          'notifications',
          "SELECT count(*) AS n FROM notifications WHERE order_id = ANY($1::uuid[]) AND in_response_to = 'OrderCreated'",
          [orderIds],
        );
        return Number(reserved.n) === ORDERS && Number(notified.n) === ORDERS ? true : undefined;
      },
      { timeoutMs: 60_000, description: 'reservations and notifications while payments is down' },
    );
    const pending = await system().query<{ status: string }>(
      'orders',
      'SELECT status FROM orders WHERE id = ANY($1::uuid[])',
      [orderIds],
    );
    expect(pending.map((row) => row.status)).toEqual(Array(ORDERS).fill('PENDING'));

    await system().restart('payments');
    const { audit, drainMs } = await awaitSettled(system(), orderIds);

    expect(audit).toMatchObject({ orders: ORDERS, completed: ORDERS, lost: 0, duplicates: 0 });
    const payments = await system().query<{ order_id: string; status: string }>(
      'payments',
      'SELECT order_id, status FROM payments WHERE order_id = ANY($1::uuid[])',
      [orderIds],
    );
    expect(payments).toHaveLength(ORDERS);
    expect(new Set(payments.map((p) => p.order_id)).size).toBe(ORDERS);
    recordFigures('payments-outage', {
      orders: audit.orders,
      answered201: ORDERS,
      pendingWhileDown: pending.length,
      completed: audit.completed,
      payments: payments.length,
      duplicates: audit.duplicates,
      lost: audit.lost,
      drainMs,
    });
  });
});

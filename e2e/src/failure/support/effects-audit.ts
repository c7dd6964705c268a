import { eventually } from '@fanout/testing';
import type { FanoutSystem } from '../../support/fanout-system';

/** What happened to a set of orders, counted in each service's own database. */
export interface EffectsAudit {
  orders: number;
  completed: number;
  cancelled: number;
  pending: number;
  /** Effects an order should have but does not (payment, reservation, notifications). */
  lost: number;
  /** Effects recorded more than once for the same cause. */
  duplicates: number;
  details: { lost: string[]; duplicates: string[] };
}

const idsParam = (orderIds: readonly string[]) => [orderIds];

/**
 * Counts, per order: its status; its payment, reservation and notifications (one each expected:
 * OrderCreated, then OrderCompleted or OrderCancelled); and every event the consumers wrote to
 * their outboxes because of it (one per cause expected).
 */
export async function auditEffects(
  system: FanoutSystem,
  orderIds: readonly string[],
): Promise<EffectsAudit> {
  const lost: string[] = [];
  const duplicates: string[] = [];
  const statuses = await system.query<{ id: string; status: string }>(
    'orders',
    'SELECT id, status FROM orders WHERE id = ANY($1::uuid[])',
    idsParam(orderIds),
  );
  const statusOf = new Map(statuses.map((row) => [row.id, row.status]));
  const perOrder = async (service: 'payments' | 'inventory', table: string) =>
    new Map(
      (
        await system.query<{ order_id: string; n: string }>(
          service,
          `SELECT order_id, count(*) AS n FROM ${table} WHERE order_id = ANY($1::uuid[]) GROUP BY order_id`,
          idsParam(orderIds),
        )
      ).map((row) => [row.order_id, Number(row.n)]),
    );
  const payments = await perOrder('payments', 'payments');
  const reservations = await perOrder('inventory', 'reservations');
  const notifications = await system.query<{ order_id: string; in_response_to: string; n: string }>(
    'notifications',
    `SELECT order_id, in_response_to, count(*) AS n FROM notifications
      WHERE order_id = ANY($1::uuid[]) GROUP BY order_id, in_response_to`,
    idsParam(orderIds),
  );
  const notified = new Map<string, Map<string, number>>();
  for (const row of notifications) {
    const byCause = notified.get(row.order_id) ?? new Map<string, number>();
    byCause.set(row.in_response_to, Number(row.n));
    notified.set(row.order_id, byCause);
  }

  for (const id of orderIds) {
    const status = statusOf.get(id);
    if (!status) lost.push(`${id}: no order row`);
    for (const [what, counts] of [
      ['payment', payments],
      ['reservation', reservations],
    ] as const) {
      const n = counts.get(id) ?? 0;
      if (n === 0) lost.push(`${id}: no ${what}`);
      if (n > 1) duplicates.push(`${id}: ${n} ${what}s`);
    }
    const byCause = notified.get(id) ?? new Map<string, number>();
    const expected = ['OrderCreated'];
    if (status === 'COMPLETED') expected.push('OrderCompleted');
    if (status === 'CANCELLED') expected.push('OrderCancelled');
    for (const cause of expected) {
      if (!byCause.has(cause)) lost.push(`${id}: no notification for ${cause}`);
    }
    for (const [cause, n] of byCause) {
      if (n > 1) duplicates.push(`${id}: ${n} notifications for ${cause}`);
    }
  }

  // An effect applied twice would also have announced itself twice.
  for (const service of ['orders', 'payments', 'inventory', 'notifications'] as const) {
    const repeated = await system.query<{ message_key: string; event_type: string; n: string }>(
      service,
      `SELECT message_key, event_type, count(*) AS n FROM outbox_messages
        WHERE message_key = ANY($1::text[]) AND event_type <> 'NotificationSent'
        GROUP BY message_key, event_type HAVING count(*) > 1`,
      idsParam(orderIds),
    );
    for (const row of repeated) {
      duplicates.push(`${row.message_key}: ${service} wrote ${row.n} ${row.event_type}`);
    }
  }
  // NotificationSent: one per notification, i.e. per (order, cause); counted above through rows.

  const count = (status: string) => orderIds.filter((id) => statusOf.get(id) === status).length;
  return {
    orders: orderIds.length,
    completed: count('COMPLETED'),
    cancelled: count('CANCELLED'),
    pending: count('PENDING'),
    lost: lost.length,
    duplicates: duplicates.length,
    details: { lost, duplicates },
  };
}

/**
 * Waits until every order is final and has all its effects (or the deadline passes), then audits.
 * Returns the audit and how long the wait took.
 */
export async function awaitSettled(
  system: FanoutSystem,
  orderIds: readonly string[],
  timeoutMs = 90_000,
): Promise<{ audit: EffectsAudit; drainMs: number }> {
  const started = Date.now();
  let last: EffectsAudit | undefined;
  try {
    await eventually(
      async () => {
        last = await auditEffects(system, orderIds);
        return last.pending === 0 && last.lost === 0 ? true : undefined;
      },
      { timeoutMs, intervalMs: 500, description: `${orderIds.length} orders settled` },
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}; last audit: ${JSON.stringify(last, null, 1).slice(0, 3000)}`,
    );
  }
  return { audit: await auditEffects(system, orderIds), drainMs: Date.now() - started };
}

import type { FanoutSystem } from '../../support/fanout-system';

/**
 * Every business table of every service, row for row (plus how many events each service has
 * written to its outbox): two snapshots are equal only if nothing at all changed.
 */
export async function snapshotBusinessState(
  system: FanoutSystem,
): Promise<Record<string, unknown>> {
  const rows = (service: Parameters<FanoutSystem['query']>[0], sql: string) =>
    system.query(service, sql);
  return {
    orders: await rows('orders', 'SELECT * FROM orders ORDER BY id'),
    payments: await rows('payments', 'SELECT * FROM payments ORDER BY id'),
    reservations: await rows('inventory', 'SELECT * FROM reservations ORDER BY id'),
    products: await rows('inventory', 'SELECT * FROM products ORDER BY sku'),
    notifications: await rows('notifications', 'SELECT * FROM notifications ORDER BY id'),
    outboxes: {
      orders: await rows('orders', 'SELECT count(*) AS n FROM outbox_messages'),
      payments: await rows('payments', 'SELECT count(*) AS n FROM outbox_messages'),
      inventory: await rows('inventory', 'SELECT count(*) AS n FROM outbox_messages'),
      notifications: await rows('notifications', 'SELECT count(*) AS n FROM outbox_messages'),
    },
  };
}

/** Stock held for orders must equal what the RESERVED reservations hold: a double reservation would not. */
export async function stockDiscrepancies(system: FanoutSystem): Promise<string[]> {
  const held = await system.query<{ sku: string; quantity: string }>(
    'inventory',
    `SELECT line->>'sku' AS sku, sum((line->>'quantity')::int) AS quantity
       FROM reservations, jsonb_array_elements(items) AS line
      WHERE status = 'RESERVED' GROUP BY 1`,
  );
  const heldBySku = new Map(held.map((row) => [row.sku, Number(row.quantity)]));
  const products = await system.query<{ sku: string; reserved: number }>(
    'inventory',
    'SELECT sku, reserved FROM products',
  );
  return products
    .filter((product) => product.reserved !== (heldBySku.get(product.sku) ?? 0))
    .map((p) => `${p.sku}: reserved ${p.reserved}, reservations hold ${heldBySku.get(p.sku) ?? 0}`);
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxRelay } from '@fanout/messaging';
import { setCataloguePrices } from '../testing/catalogue-prices';
import { type OrdersTestApp, startOrdersTestApp } from '../testing/orders-test-app';

jest.setTimeout(90_000);

/**
 * The zero-setup path (no DATABASE_URL): orders on embedded PGlite, where transactions are
 * serialised in-process. Run with NODE_OPTIONS=--experimental-vm-modules.
 */
describe('orders on PGlite', () => {
  let dataDir: string;
  let service: OrdersTestApp;

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'silent';
    dataDir = mkdtempSync(join(tmpdir(), 'fanout-orders-'));
    service = await startOrdersTestApp({
      database: { kind: 'pglite', dataDir },
      kafka: { brokers: ['127.0.0.1:1'] },
    });
    await service.app.get(OutboxRelay).stop();
    await setCataloguePrices(service.app, { A: 250 });
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (customerId: string, body: unknown, key: string) =>
    fetch(`${service.url}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': key,
        ...(await service.customer(customerId)),
      },
      body: JSON.stringify(body),
    });

  it('runs the migrations, creates orders and keeps concurrent requests consistent', async () => {
    const customerId = `customer-${randomUUID()}`;
    const order = { items: [{ sku: 'A', quantity: 3 }] };
    const sameKey = randomUUID();
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => post(customerId, order, sameKey)),
      ...Array.from({ length: 4 }, () => post(customerId, order, randomUUID())),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      id: string;
      totalCents: number;
    }[];
    expect(new Set(bodies.slice(0, 4).map((b) => b.id)).size).toBe(1);
    expect(bodies.every((b) => b.totalCents === 750)).toBe(true);

    const page = (await (
      await fetch(`${service.url}/orders?customerId=${customerId}`, { headers: service.operator })
    ).json()) as {
      items: unknown[];
    };
    expect(page.items).toHaveLength(5);
    const history = (await (
      await fetch(`${service.url}/orders/${bodies[0]?.id}/events`, { headers: service.operator })
    ).json()) as {
      type: string;
    }[];
    expect(history.map((entry) => entry.type)).toEqual(['OrderCreated']);
  });
});

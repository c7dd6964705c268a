import { randomUUID } from 'node:crypto';
import { createTemporaryDatabase, type TemporaryDatabase } from '@fanout/testing';
import { OutboxRelay } from '@fanout/messaging';
import { setCataloguePrices } from '../testing/catalogue-prices';
import { type OrdersTestApp, startOrdersTestApp } from '../testing/orders-test-app';

/** What orders knows of the catalogue here, as if from ProductUpdated events. */
const PRICES = { 'KEYBOARD-01': 4999, 'MOUSE-01': 2900, 'CABLE-01': 900, A: 100 };

// No broker: these tests cover the HTTP contract and what lands in the database and outbox.
// The relay is stopped so it does not keep trying to reach Kafka.
interface OrderBody {
  id: string;
  status: string;
  customerId: string;
  createdAt: string;
}
interface PageBody {
  items: OrderBody[];
  nextCursor: string | null;
}
interface ProblemBody {
  message: string | string[];
}

/** The body of a response, typed as what the test expects it to be. */
const body = async <T>(response: Response): Promise<T> => (await response.json()) as T;

const unreachableKafka = { brokers: ['127.0.0.1:1'] };

jest.setTimeout(60_000);

describe('orders HTTP API (PostgreSQL)', () => {
  let database: TemporaryDatabase;
  let service: OrdersTestApp;

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'silent';
    database = await createTemporaryDatabase();
    service = await startOrdersTestApp({
      database: { kind: 'postgres', url: database.url },
      kafka: unreachableKafka,
    });
    await service.app.get(OutboxRelay).stop();
    await setCataloguePrices(service.app, PRICES);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const validOrder = () => ({
    items: [
      { sku: 'KEYBOARD-01', quantity: 2 },
      { sku: 'MOUSE-01', quantity: 1 },
    ],
  });

  /** Places an order as a customer (customer-1 unless told), with their bearer token. */
  const post = async (body: unknown, headers: Record<string, string> = {}, as = 'customer-1') =>
    fetch(`${service.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await service.customer(as)), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  /** GET as an operator, who may read everything. */
  const get = (path: string) => fetch(`${service.url}${path}`, { headers: service.operator });

  it('creates a PENDING order for the caller, priced from the catalogue, and returns 201', async () => {
    const request = validOrder();
    const customerId = `customer-${randomUUID()}`;
    const response = await post(request, {}, customerId);
    expect(response.status).toBe(201);
    const order = await body<OrderBody>(response);
    expect(order).toMatchObject({
      status: 'PENDING',
      customerId,
      items: [
        { sku: 'KEYBOARD-01', quantity: 2, unitPriceCents: 4999 },
        { sku: 'MOUSE-01', quantity: 1, unitPriceCents: 2900 },
      ],
      totalCents: 2 * 4999 + 2900,
      cancellationReason: null,
    });
    expect(order.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(order.createdAt).getTime()).not.toBeNaN();

    const fetched = await fetch(`${service.url}/orders/${order.id}`, {
      headers: await service.customer(customerId),
    });
    expect(fetched.status).toBe(200);
    expect(await body<OrderBody>(fetched)).toEqual(order);
  });

  it('writes OrderCreated to the outbox in the same transaction as the order', async () => {
    const order = await body<OrderBody>(await post(validOrder()));
    const history = await body<unknown[]>(await get(`/orders/${order.id}/events`));
    expect(history).toEqual([
      expect.objectContaining({
        direction: 'produced',
        type: 'OrderCreated',
        topic: 'orders',
        partition: null,
        offset: null,
      }),
    ]);
  });

  it('refuses a SKU the catalogue has no price for with a 422 that names it, and creates nothing', async () => {
    const customerId = `customer-${randomUUID()}`;
    const response = await post(
      {
        items: [
          { sku: 'KEYBOARD-01', quantity: 1 },
          { sku: 'NO-SUCH-SKU', quantity: 1 },
        ],
      },
      {},
      customerId,
    );
    expect(response.status).toBe(422);
    expect((await body<ProblemBody>(response)).message).toBe(
      'unknown SKU: NO-SUCH-SKU (not in the catalogue)',
    );
    const page = await body<PageBody>(await get(`/orders?customerId=${customerId}`));
    expect(page.items).toEqual([]);
  });

  it('serves the prices it charges at GET /catalogue, to any caller with a token', async () => {
    const response = await fetch(`${service.url}/catalogue`, {
      headers: await service.customer('customer-1'),
    });
    expect(response.status).toBe(200);
    const { items } = await body<{ items: { sku: string; unitPriceCents: number }[] }>(response);
    expect(items).toContainEqual({ sku: 'CABLE-01', name: 'CABLE-01', unitPriceCents: 900 });
    expect((await fetch(`${service.url}/catalogue`)).status).toBe(401);
  });

  it('prices each order from the catalogue as it is when the order is created, and keeps that price', async () => {
    await setCataloguePrices(service.app, { 'PRICED-LATER': 1000 });
    const before = await body<OrderBody & { totalCents: number }>(
      await post({ items: [{ sku: 'PRICED-LATER', quantity: 2 }] }),
    );
    await setCataloguePrices(service.app, { 'PRICED-LATER': 1500 });
    const after = await body<OrderBody & { totalCents: number }>(
      await post({ items: [{ sku: 'PRICED-LATER', quantity: 2 }] }),
    );
    expect([before.totalCents, after.totalCents]).toEqual([2000, 3000]);
    const reread = await body<{ totalCents: number; items: unknown[] }>(
      await get(`/orders/${before.id}`),
    );
    expect(reread).toMatchObject({
      totalCents: 2000,
      items: [{ sku: 'PRICED-LATER', quantity: 2, unitPriceCents: 1000 }],
    });
  });

  it.each([
    ['an unknown field', { ...validOrder(), discount: 10 }, /property discount should not exist/],
    [
      'a fractional quantity',
      { items: [{ sku: 'A', quantity: 1.5 }] },
      /quantity must be an integer/,
    ],
    ['a zero quantity', { items: [{ sku: 'A', quantity: 0 }] }, /quantity must not be less than 1/],
    [
      "a price (prices are the catalogue's)",
      { items: [{ sku: 'A', quantity: 1, unitPriceCents: 0 }] },
      /items\.0\.unitPriceCents is not accepted: prices come from the catalogue/,
    ],
    ['no items', { items: [] }, /items must contain at least 1 elements/],
    [
      '101 items',
      { items: Array.from({ length: 101 }, () => ({ sku: 'A', quantity: 1 })) },
      /items must contain no more than 100 elements/,
    ],
    [
      'an unknown field inside an item',
      { items: [{ sku: 'A', quantity: 1, colour: 'red' }] },
      /property colour should not exist/,
    ],
    [
      "a customer id in the body (the order is the caller's)",
      { ...validOrder(), customerId: 'someone-else' },
      /customerId is not accepted: the order is placed for the caller of the bearer token/,
    ],
  ])('rejects %s with a 400 that says what is wrong', async (_name, request, message) => {
    const response = await post(request);
    expect(response.status).toBe(400);
    const problem = await body<ProblemBody>(response);
    expect([problem.message].flat().join('\n')).toMatch(message);
  });

  it('rejects malformed JSON with a 400', async () => {
    const response = await post('{"customerId": "c", "items": [');
    expect(response.status).toBe(400);
    expect((await body<ProblemBody>(response)).message).toMatch(/JSON/);
  });

  describe('malformed input is a 4xx that says why, never a 500', () => {
    const problem = async (response: Response) => ({
      status: response.status,
      message: [(await body<ProblemBody>(response)).message].flat().join('\n'),
    });

    it.each([
      [
        'deeply nested JSON',
        `{"customerId":"c","items":${'['.repeat(1000)}${']'.repeat(1000)}}`,
        /JSON is nested deeper than \d+ levels/,
      ],
      [
        'a NUL character in a string (PostgreSQL refuses it in text)',
        JSON.stringify({ ...validOrder(), customerId: 'c\u0000' }),
        /NUL characters/,
      ],
      [
        'a NUL character in an item',
        JSON.stringify({
          customerId: 'c',
          items: [{ sku: 'A\u0000', quantity: 1 }],
        }),
        /NUL characters/,
      ],
      ['a JSON array', '[]', /.+/],
    ])('refuses %s with a 400', async (_name, text, message) => {
      const answer = await problem(await post(text));
      expect(answer.status).toBe(400);
      expect(answer.message).toMatch(message);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const response = await fetch(`${service.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(validOrder()),
      });
      expect(await problem(response)).toEqual({
        status: 415,
        message: expect.stringMatching(/must be JSON/),
      });
    });

    it('refuses a body over 64 kB with 413', async () => {
      const answer = await problem(await post({ ...validOrder(), customerId: 'c'.repeat(70_000) }));
      expect(answer).toEqual({ status: 413, message: expect.stringMatching(/too large/) });
    });

    const cursorOf = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

    it.each([
      [
        'an id that is not a uuid',
        cursorOf(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
        /id is not a uuid/,
      ],
      ['a date out of range', cursorOf(['-271821-04-19T00:00:00.000Z', randomUUID()]), /createdAt/],
      ['an impossible date', cursorOf(['2026-02-30T00:00:00.000Z', randomUUID()]), /createdAt/],
      ['a number', cursorOf(42), /pair/],
      ['a NUL in the id', cursorOf(['2026-01-01T00:00:00.000Z', '\u0000']), /uuid/],
      [
        'a cursor that is far too long',
        'A'.repeat(5000),
        /cursor must be shorter than or equal to/,
      ],
    ])('refuses a cursor with %s with a 400', async (_name, cursor, message) => {
      const answer = await problem(await get(`/orders?cursor=${encodeURIComponent(cursor)}`));
      expect(answer.status).toBe(400);
      expect(answer.message).toMatch(message);
    });

    it('refuses a NUL in a query parameter with a 400', async () => {
      const answer = await problem(await get('/orders?customerId=a%00b'));
      expect(answer).toEqual({ status: 400, message: expect.stringMatching(/NUL/) });
    });
  });

  it('answers 404 for an unknown order and 400 for an id that is not a uuid', async () => {
    expect((await get(`/orders/${randomUUID()}`)).status).toBe(404);
    expect((await get(`/orders/${randomUUID()}/events`)).status).toBe(404);
    const malformed = await get('/orders/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect((await body<ProblemBody>(malformed)).message).toMatch(/uuid/);
  });

  describe('Idempotency-Key', () => {
    it('returns the first order when a request is retried with the same key', async () => {
      const key = randomUUID();
      const request = validOrder();
      const first = await post(request, { 'idempotency-key': key });
      const retry = await post(request, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const order = await body<OrderBody>(first);
      expect(await body<OrderBody>(retry)).toEqual(order);
      const listed = await body<PageBody>(await get(`/orders?customerId=${order.customerId}`));
      expect(listed.items.filter(({ id }) => id === order.id)).toHaveLength(1);
    });

    it('creates exactly one order when the same key arrives concurrently', async () => {
      const key = randomUUID();
      const request = validOrder();
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => post(request, { 'idempotency-key': key })),
      );
      const ids = new Set(
        await Promise.all(responses.map(async (r) => (await body<OrderBody>(r)).id)),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(ids.size).toBe(1);
    });

    it("never answers another customer's key with that customer's order (422)", async () => {
      const key = randomUUID();
      const request = validOrder();
      expect((await post(request, { 'idempotency-key': key }, 'alice')).status).toBe(201);
      const replay = await post(request, { 'idempotency-key': key }, 'mallory');
      expect(replay.status).toBe(422);
    });

    it('refuses a key reused with a different body (422)', async () => {
      const key = randomUUID();
      await post(validOrder(), { 'idempotency-key': key });
      const other = { items: [{ sku: 'CABLE-01', quantity: 3 }] };
      const response = await post(other, { 'idempotency-key': key });
      expect(response.status).toBe(422);
    });
  });

  describe('GET /orders', () => {
    it('pages newest first with a cursor and filters by customer and status', async () => {
      const customerId = `customer-${randomUUID()}`;
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        created.push((await body<OrderBody>(await post(validOrder(), {}, customerId))).id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ customerId, limit: '2' });
        if (cursor) query.set('cursor', cursor);
        const page = await body<PageBody>(await get(`/orders?${query}`));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((order) => order.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...created].reverse());

      const completed = await body<PageBody>(
        await get(`/orders?customerId=${customerId}&status=COMPLETED`),
      );
      expect(completed.items).toEqual([]);
    });

    it('rejects bad query parameters with a 400', async () => {
      for (const query of [
        'limit=0',
        'limit=101',
        'limit=abc',
        'status=LOST',
        'cursor=xyz',
        'x=1',
      ]) {
        const response = await get(`/orders?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
    });
  });

  describe('callers (bearer tokens)', () => {
    it('answers 401 without a token, and only /health without one', async () => {
      const anonymous = await fetch(`${service.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(validOrder()),
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="fanout"');
      expect((await fetch(`${service.url}/orders/${randomUUID()}`)).status).toBe(401);
      expect((await fetch(`${service.url}/status`)).status).toBe(401);
      expect((await fetch(`${service.url}/health`)).status).not.toBe(401);
    });

    it("shows a customer their own order, and another customer's as if it did not exist", async () => {
      const order = await body<OrderBody>(await post(validOrder(), {}, 'alice'));
      const asAlice = { headers: await service.customer('alice') };
      const asBob = { headers: await service.customer('bob') };
      expect((await fetch(`${service.url}/orders/${order.id}`, asAlice)).status).toBe(200);
      expect((await fetch(`${service.url}/orders/${order.id}/events`, asAlice)).status).toBe(200);
      const bobs = await fetch(`${service.url}/orders/${order.id}`, asBob);
      expect(bobs.status).toBe(404);
      expect((await body<ProblemBody>(bobs)).message).toBe(`order ${order.id} does not exist`);
      expect((await fetch(`${service.url}/orders/${order.id}/events`, asBob)).status).toBe(404);
      expect((await get(`/orders/${order.id}`)).status).toBe(200);
    });

    it('keeps the listing and /status for operators (403 for a customer)', async () => {
      const asAlice = { headers: await service.customer('alice') };
      for (const path of ['/orders', '/orders?customerId=alice', '/status']) {
        const response = await fetch(`${service.url}${path}`, asAlice);
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expect((await body<ProblemBody>(response)).message).toBe('this needs the operator role');
      }
      expect((await get('/orders?customerId=alice')).status).toBe(200);
    });
  });

  it('serves /metrics and /docs on the management port only, and the API on its own port only', async () => {
    for (const path of ['/metrics', '/docs', '/docs-json', '/docs/swagger-ui-init.js']) {
      const onApiPort = await fetch(`${service.url}${path}`, { headers: service.operator });
      expect({ path, status: onApiPort.status }).toEqual({ path, status: 404 });
      expect((await fetch(`${service.managementUrl}${path}`)).status).toBe(200);
    }
    const apiOnManagement = await fetch(`${service.managementUrl}/orders`, {
      headers: service.operator,
    });
    expect(apiOnManagement.status).toBe(404);
    expect((await fetch(`${service.managementUrl}/health`)).status).not.toBe(404);
  });

  it('counts events waiting in the outbox in /metrics', async () => {
    await post(validOrder());
    const metrics = await (await fetch(`${service.managementUrl}/metrics`)).text();
    const pending = /^fanout_outbox_pending\{[^}]*\} (\d+)$/m.exec(metrics);
    expect(Number(pending?.[1])).toBeGreaterThan(0);
  });

  it('sends security headers, and Swagger UI at /docs renders under them', async () => {
    const page = await fetch(`${service.managementUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toMatch(/swagger-ui-init\.js/);
    expect((await fetch(`${service.managementUrl}/docs/swagger-ui-init.js`)).status).toBe(200);
  });

  it('serves the OpenAPI document at /docs', async () => {
    const response = await fetch(`${service.managementUrl}/docs-json`);
    expect(response.status).toBe(200);
    const document = await body<{ paths: Record<string, unknown> }>(response);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/orders', '/orders/{id}', '/orders/{id}/events', '/health']),
    );
  });
});

import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, TokenSigner } from '@fanout/auth';
import { eventually } from '@fanout/testing';
import { FanoutApi, type Notification, type Payment } from './support/fanout-api';
import { SERVICES, startFanoutSystem, type FanoutSystem } from './support/fanout-system';
import { getJson, postJson } from './support/http-client';
import { brokerLabel, brokerStartAllowanceMs } from './support/test-broker';

jest.setTimeout(60_000);

const CABLE = { sku: 'CABLE-01', quantity: 1 };

interface Problem {
  message: string;
}

/**
 * Who may read what, over the real services: each started with the test issuer's keys, as the
 * launcher starts them with its own. Tokens are the only difference between the callers.
 */
describe(`API callers: bearer tokens and roles (${brokerLabel()})`, () => {
  const run = randomUUID().slice(0, 8);
  const alice = `alice-${run}`;
  const bob = `bob-${run}`;
  let system: FanoutSystem;
  let api: FanoutApi;
  let stranger: TestIssuer;
  let aliceOrder: string;

  beforeAll(async () => {
    system = await startFanoutSystem({ database: 'postgres' });
    api = new FanoutApi(system);
    stranger = await createTestIssuer();
    const placed = await api.placeOrder({ customerId: alice, items: [CABLE] });
    expect(placed.status).toBe(201);
    aliceOrder = placed.body.id;
    // Every service has answered for it: there is a payment and a notification to hide from Bob.
    await api.finalOrder(aliceOrder);
    await eventually(async () => (await api.notifications(aliceOrder)).length >= 2);
  }, 300_000 + brokerStartAllowanceMs());

  afterAll(async () => {
    await stranger?.dispose();
    await system?.stop();
  }, 60_000);

  const get = <T>(url: string, headers: Record<string, string>) => getJson<T>(url, headers);

  it('places the order for the caller of the token, whatever else the body says', async () => {
    expect((await api.order(aliceOrder)).customerId).toBe(alice);
    const asBob = await api.customerHeaders(bob);
    const smuggled = await postJson<Problem>(
      `${system.urls.orders}/orders`,
      { customerId: alice, items: [CABLE] },
      asBob,
    );
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.message).toEqual([
      'customerId is not accepted: the order is placed for the caller of the bearer token',
    ]);
  });

  it("does not show customer B customer A's order, payments or notifications", async () => {
    const asAlice = await api.customerHeaders(alice);
    const asBob = await api.customerHeaders(bob);
    const { orders, payments, notifications } = system.urls;

    expect((await get(`${orders}/orders/${aliceOrder}`, asAlice)).status).toBe(200);
    expect(await get(`${orders}/orders/${aliceOrder}`, asBob)).toEqual({
      status: 404,
      body: expect.objectContaining({ message: `order ${aliceOrder} does not exist` }),
    });
    expect((await get(`${orders}/orders/${aliceOrder}/events`, asBob)).status).toBe(404);

    const paymentsOf = (headers: Record<string, string>) =>
      get<{ items: Payment[] }>(`${payments}/payments?orderId=${aliceOrder}`, headers);
    expect((await paymentsOf(asAlice)).body.items).toHaveLength(1);
    expect(await paymentsOf(asBob)).toEqual({ status: 200, body: { items: [] } });

    const notificationsOf = (headers: Record<string, string>) =>
      get<{ items: Notification[] }>(
        `${notifications}/notifications?orderId=${aliceOrder}`,
        headers,
      );
    const alices = (await notificationsOf(asAlice)).body.items;
    expect(alices.length).toBeGreaterThanOrEqual(2);
    expect(alices.every((notification) => notification.recipient === alice)).toBe(true);
    expect(await notificationsOf(asBob)).toEqual({ status: 200, body: { items: [] } });
  });

  it('answers 401 without a token, except /health', async () => {
    const { orders, payments, notifications } = system.urls;
    const anonymous = await postJson<Problem>(`${orders}/orders`, { items: [CABLE] });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/bearer token is required/);
    for (const url of [
      `${orders}/orders/${aliceOrder}`,
      `${payments}/payments?orderId=${aliceOrder}`,
      `${notifications}/notifications?orderId=${aliceOrder}`,
    ]) {
      expect({ url, status: (await get(url, {})).status }).toEqual({ url, status: 401 });
    }
    for (const service of SERVICES) {
      expect((await get(`${system.urls[service]}/health`, {})).status).toBe(200);
    }
  });

  it('keeps listings, reservations and /status for operators: 403 for a customer', async () => {
    const asAlice = await api.customerHeaders(alice);
    const operator = await api.operatorHeaders();
    const { orders, payments, inventory, notifications } = system.urls;
    const operatorOnly = [
      `${orders}/orders`,
      `${payments}/payments`,
      `${notifications}/notifications`,
      `${inventory}/reservations?orderId=${aliceOrder}`,
      ...SERVICES.map((service) => `${system.urls[service]}/status`),
    ];
    for (const url of operatorOnly) {
      const asCustomer = await get<Problem>(url, asAlice);
      expect({ url, status: asCustomer.status }).toEqual({ url, status: 403 });
      expect(asCustomer.body.message).toMatch(/operator role/);
      expect({ url, status: (await get(url, operator)).status }).toEqual({ url, status: 200 });
    }
    // An operator sees every customer's records.
    expect((await get(`${orders}/orders/${aliceOrder}`, operator)).status).toBe(200);
  });

  it('refuses an expired token, another issuer and a foreign signature with a 401 that says why', async () => {
    const url = `${system.urls.orders}/orders/${aliceOrder}`;
    const refusal = async (token: string) => {
      const { status, body } = await get<Problem>(url, { authorization: `Bearer ${token}` });
      return { status, message: body.message };
    };
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const expired = await system.issuer.signer.sign({
      subject: alice,
      roles: ['customer'],
      expiresInSeconds: 600,
      issuedAt: hourAgo,
    });
    expect(await refusal(expired)).toEqual({ status: 401, message: 'token expired' });

    const otherIssuer = await TokenSigner.fromFile(system.issuer.privateKeyFile, {
      issuer: 'https://id.example.com/',
    });
    expect(await refusal(await otherIssuer.sign({ subject: alice, roles: ['customer'] }))).toEqual({
      status: 401,
      message: 'token issuer is not urn:fanout:local',
    });

    expect(await refusal(await stranger.operatorToken())).toEqual({
      status: 401,
      message: 'token is signed with a key the issuer does not publish',
    });
    const [header, payload] = (await system.issuer.customerToken(alice)).split('.');
    const [, , strangerSignature] = (await stranger.customerToken(alice)).split('.');
    expect(await refusal(`${header}.${payload}.${strangerSignature}`)).toEqual({
      status: 401,
      message: "token signature does not verify with the issuer's keys",
    });
  });
});

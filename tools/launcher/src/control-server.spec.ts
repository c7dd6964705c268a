import type { Server } from 'node:http';
import {
  ControlError,
  type LauncherControls,
  listeningPort,
  startControlServer,
} from './control-server';

describe('the launcher’s control endpoint', () => {
  const calls: string[] = [];
  const controls: LauncherControls = {
    services: () => [
      { service: 'payments', instances: [{ label: 'payments', url: 'http://x', running: true }] },
    ],
    stop: async (service) => {
      calls.push(`stop ${service}`);
    },
    start: async (service) => {
      if (service === 'nope') throw new ControlError(404, 'nope is not a service of this run');
      calls.push(`start ${service}`);
    },
    scale: async (service, replicas) => {
      calls.push(`scale ${service} ${replicas}`);
    },
    customerToken: async (customer) => `token-of-${customer}`,
    replayDeadLetters: async ({ topic }) => `replayed ${topic}`,
    load: ({ rate, duration }) => {
      calls.push(`load ${rate} ${duration}`);
    },
  };
  let server: Server;
  let base: string;
  const auth = { authorization: 'Bearer s3cret' };

  beforeAll(async () => {
    server = await startControlServer(0, 's3cret', controls);
    base = `http://127.0.0.1:${listeningPort(server)}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => calls.splice(0));

  const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('listens on loopback only', () => {
    expect(server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('refuses a caller without the launcher’s token, and does nothing for it', async () => {
    expect((await fetch(`${base}/services`)).status).toBe(401);
    expect(
      (await post('/services/payments/stop', {}, { authorization: 'Bearer guess' })).status,
    ).toBe(401);
    expect(calls).toEqual([]);
  });

  it('stops, starts and scales services, and mints a customer’s token', async () => {
    expect((await post('/services/payments/stop', {})).status).toBe(200);
    expect((await post('/services/payments/start', {})).status).toBe(200);
    expect((await post('/services/inventory/scale', { replicas: 3 })).status).toBe(200);
    expect(calls).toEqual(['stop payments', 'start payments', 'scale inventory 3']);
    expect(await (await post('/tokens', { customer: 'alice' })).json()).toEqual({
      token: 'token-of-alice',
    });
    const listed = await fetch(`${base}/services`, { headers: auth });
    expect(await listed.json()).toEqual({ services: controls.services() });
  });

  it('answers a refusal with its status and message, and a malformed request with 400', async () => {
    const refused = await post('/services/nope/start', {});
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ message: 'nope is not a service of this run' });
    expect((await post('/services/inventory/scale', { replicas: 'three' })).status).toBe(400);
    expect((await post('/load', { rate: -1, duration: 5 })).status).toBe(400);
    expect((await post('/tokens', { customer: '../../etc' })).status).toBe(400);
  });
});

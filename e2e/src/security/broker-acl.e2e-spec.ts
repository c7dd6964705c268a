import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Admin, Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { createEvent, encodeEvent, PaymentCompleted, Topics } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { getJson, postJson } from '../support/http-client';
import { freePortOffset, LauncherRun, launcherTokenHeaders } from '../support/launcher-run';
import { brokerKind, brokerLabel } from '../support/test-broker';

/**
 * The attacks of issue 11, against `npm start` as a user runs it (with E2E_BROKER=apache,
 * `npm start -- --kafka apache`): its broker authenticates (SASL SCRAM-SHA-512) and authorizes
 * (ACLs derived from the contracts). A client without the
 * owner's credentials cannot write a service's topic, join its group or delete a topic, while the
 * services, each on its own principal, still take an order to COMPLETED.
 */
jest.setTimeout(300_000);

const REPO_ROOT = path.resolve(__dirname, '../../..');
const BROKER_PORT = 9092;
// 9093: Apache Kafka's controller, next to its client port.
const ORDERS_PORT = 3000;
const PORTS = [BROKER_PORT, 9093, 5433, ORDERS_PORT, 3001, 3002, 3003];
const KAFKA = brokerKind();
const START_TIMEOUT_MS = 200_000;

interface Users {
  users: { name: string; password: string }[];
}

describe(`npm start's ${brokerLabel(KAFKA)} lets only a topic's owner write it and only a group's service join it`, () => {
  let workDir: string;
  let launcher: LauncherRun;
  let bootstrap: string;
  let ordersUrl: string;
  let passwords: Map<string, string>;
  let operator: Admin;
  const clients: Array<{ disconnect(): Promise<void> }> = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-broker-acl-'));
    const offset = await freePortOffset(PORTS);
    bootstrap = `127.0.0.1:${BROKER_PORT + offset}`;
    ordersUrl = `http://127.0.0.1:${ORDERS_PORT + offset}/orders`;
    launcher = new LauncherRun(offset, workDir, 'warn', ['--kafka', KAFKA]);
    await launcher.waitForLine(/\| Press Ctrl-C to stop\./, START_TIMEOUT_MS);
    const users = JSON.parse(
      readFileSync(path.join(workDir, 'kafka-auth', 'users.json'), 'utf8'),
    ) as Users;
    passwords = new Map(users.users.map(({ name, password }) => [name, password]));
    operator = kafka(as('operator')).admin();
    await operator.connect();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
    await operator?.disconnect();
    if (launcher?.running) {
      launcher.signal('SIGTERM');
      await launcher.exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  function as(principal: string, password = passwords.get(principal)): SASLOptions {
    if (password === undefined) throw new Error(`no password for ${principal}`);
    return { mechanism: 'scram-sha-512', username: principal, password };
  }

  function kafka(sasl?: SASLOptions): Kafka {
    return new Kafka({
      clientId: 'attacker',
      brokers: [bootstrap],
      ...(sasl ? { sasl } : {}),
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 100 },
      connectionTimeout: 5_000,
    });
  }

  /** The records on `topic`: what any write that got through would have added to. */
  async function recordCount(topic: string): Promise<number> {
    const offsets = await operator.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high }) => sum + Number(high), 0);
  }

  /** A PaymentCompleted as payments would publish it: valid, so only the broker can stop it. */
  function forgedPaymentCompleted() {
    const orderId = randomUUID();
    const event = createEvent(
      PaymentCompleted,
      { orderId, paymentId: randomUUID(), amountCents: 1 },
      { producer: 'payments', correlationId: randomUUID() },
    );
    return { key: orderId, value: encodeEvent(event) };
  }

  async function produce(
    sasl: SASLOptions | undefined,
    message: { key: string; value: string | Buffer },
  ) {
    const producer = kafka(sasl).producer({ idempotent: true, maxInFlightRequests: 1 });
    clients.push(producer);
    await producer.connect();
    await producer.send({ topic: Topics.payments, acks: -1, messages: [message] });
  }

  it('refuses PaymentCompleted from an anonymous client, a wrong password and another service', async () => {
    const before = await recordCount(Topics.payments);

    // No SASL on a SASL listener: the broker closes the connection before any request.
    await expect(produce(undefined, forgedPaymentCompleted())).rejects.toThrow();
    await expect(
      produce(as('payments', 'guessed'), forgedPaymentCompleted()),
    ).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError',
    });
    await expect(produce(as('inventory'), forgedPaymentCompleted())).rejects.toMatchObject({
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });

    expect(await recordCount(Topics.payments)).toBe(before);
  });

  it("lets payments' own principal write payments (orders then dead-letters what is no event)", async () => {
    const before = await recordCount(Topics.payments);
    const deadBefore = await recordCount(`${Topics.payments}.dlt`);

    await produce(as('payments'), { key: `acl-probe-${randomUUID()}`, value: 'not an event' });

    expect(await recordCount(Topics.payments)).toBe(before + 1);
    // Orders, on its principal, may write the dead letters of what it reads.
    await eventually(
      async () => ((await recordCount(`${Topics.payments}.dlt`)) > deadBefore ? true : undefined),
      { timeoutMs: 60_000, description: 'the probe dead-lettered by orders' },
    );
  });

  it('refuses a rogue member of group inventory, leaving the group to inventory', async () => {
    const rogue = kafka(as('notifications')).consumer({
      groupId: 'inventory',
      retry: { retries: 0 },
    });
    clients.push(rogue);
    await rogue.connect();
    await rogue.subscribe({ topics: [Topics.orders], fromBeginning: true });
    // Whichever comes first: a join (the attack worked) or the consumer giving up.
    const outcome = new Promise<unknown>((resolve) => {
      rogue.on(rogue.events.GROUP_JOIN, () => resolve('joined group inventory'));
      rogue.on(rogue.events.CRASH, ({ payload }) => resolve(payload.error));
    });
    await rogue.run({ eachMessage: async () => undefined }).catch(() => undefined);
    // kafkajs reports FindCoordinator's GROUP_AUTHORIZATION_FAILED as a coordinator not found.
    expect(await outcome).toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });

    const [group] = (await operator.describeGroups(['inventory'])).groups;
    expect(group?.state).toBe('Stable');
    // Only inventory's own instance (the launcher names instance n `<service>-<n>`).
    expect(group?.members.map((member) => member.clientId)).toEqual(['inventory-1']);
  });

  it('refuses deleteTopics to every principal but the operator', async () => {
    for (const sasl of [as('payments'), as('orders')]) {
      const admin = kafka(sasl).admin();
      clients.push(admin);
      await admin.connect();
      await expect(admin.deleteTopics({ topics: [Topics.payments] })).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    }
    expect(await operator.listTopics()).toContain(Topics.payments);
  });

  it('completes an order with every service on its own principal', async () => {
    const customer = await launcherTokenHeaders(workDir, 'acl-customer', ['customer']);
    const placed = await postJson<{ id: string }>(
      ordersUrl,
      { items: [{ sku: 'CABLE-01', quantity: 1 }] },
      customer,
    );
    expect(placed.status).toBe(201);
    const order = await eventually(
      async () => {
        const { body } = await getJson<{ status: string }>(
          `${ordersUrl}/${placed.body.id}`,
          customer,
        );
        return body.status === 'PENDING' ? undefined : body;
      },
      { timeoutMs: 60_000, description: `order ${placed.body.id} final` },
    );
    expect(order.status).toBe('COMPLETED');
  });

  it("lets the DLT tool work as the operator, from npm start's data directory", () => {
    const { KAFKA_BROKERS: _outer, NODE_OPTIONS: _jest, ...env } = process.env;
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/dlt/src/main.ts', 'list', Topics.payments],
      { cwd: REPO_ROOT, env: { ...env, DATA_DIR: workDir }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/acl-probe-/);
  });

  it("removes the operator's client files when it stops, keeping the passwords", async () => {
    const authDir = path.join(workDir, 'kafka-auth');
    expect(existsSync(path.join(authDir, 'operator.env'))).toBe(true);

    launcher.signal('SIGTERM');

    expect(await launcher.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(authDir, 'operator.env'))).toBe(false);
    expect(existsSync(path.join(authDir, 'kcat.conf'))).toBe(false);
    expect(existsSync(path.join(authDir, 'users.json'))).toBe(true);
  });
});

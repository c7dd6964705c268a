/**
 * `npm run demo:failure`: the payments service goes down and nothing else notices. Orders keep being
 * taken and stay PENDING, inventory and notifications react as usual; payments comes back and works
 * through its backlog, and every order completes, each charged once.
 *
 * Run it next to `npm start -- --services orders,inventory,notifications`: the demo runs payments
 * itself (through the same launcher, so with the same port and database) to be able to start it.
 */
import os from 'node:os';
import path from 'node:path';
import { eventually } from '@fanout/testing';
import { consumerLag } from './consumer-lag';
import { resolveDemoSettings } from './demo-settings';
import { demoCallers } from './demo-callers';
import { getJson, isUp, postJson } from './http';
import { paymentsLauncher } from './payments-launcher';

interface Order {
  id: string;
  status: string;
  totalCents: number;
}
interface Listed<T> {
  items: T[];
}

const settings = resolveDemoSettings(process.env, process.argv.slice(2));
const { urls } = settings;
const started = Date.now();
const say = (line = '') => process.stdout.write(`${line}\n`);
/** How the demo waits for the system: HTTP polls four times a second, a minute at most. */
const waitingFor = (description: string, timeoutMs = 60_000) => ({
  description,
  timeoutMs,
  intervalMs: 250,
});
const clock = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
const step = (n: number, title: string) => say(`\n[${clock()}] ${n}. ${title}`);
const short = (id: string) => id.slice(0, 8);
const money = (cents: number) => (cents / 100).toFixed(2);

async function main(): Promise<number> {
  say('Fanout failure demo: the payments service goes down, and nothing else notices.');
  say(`orders ${urls.orders} · inventory ${urls.inventory} · notifications ${urls.notifications}`);
  say(`broker ${settings.kafkaBrokers}`);

  step(1, 'Payments is down; the rest is up');
  if (await isUp(urls.payments)) {
    say(`  payments is answering on ${urls.payments}. This demo starts and stops payments itself:`);
    say('  run the system without it, `npm start -- --services orders,inventory,notifications`,');
    say('  then `npm run demo:failure` again.');
    return 2;
  }
  for (const [name, url] of [
    ['orders', urls.orders],
    ['inventory', urls.inventory],
    ['notifications', urls.notifications],
  ] as const) {
    if (!(await isUp(url))) {
      say(`  ${name} is not answering on ${url}/health: start the system first,`);
      say('  `npm start -- --services orders,inventory,notifications`.');
      return 2;
    }
  }
  say('  ✓ orders, inventory and notifications are healthy; nothing answers on ' + urls.payments);

  step(2, `Placing ${settings.orders} orders while payments is down`);
  const customerId = `demo-failure-${Date.now()}`;
  // The customer places the orders; the demo follows them everywhere, as an operator does.
  const { customer, operator } = await demoCallers(settings.dataDir, customerId);
  const orders: Order[] = [];
  for (let i = 0; i < settings.orders; i++) {
    const order = await postJson<Order>(
      `${urls.orders}/orders`,
      { items: [{ sku: 'KEYBOARD-01', quantity: 1 }] },
      customer,
    );
    orders.push(order);
    say(
      `  POST /orders → 201  order ${short(order.id)}  ${order.status}  ${money(order.totalCents)}`,
    );
  }

  step(3, 'Inventory and notifications react without waiting for payments');
  const reserved = await eventually(async () => {
    const counts = await Promise.all(
      orders.map(async (order) => {
        const { items } = await getJson<Listed<{ status: string }>>(
          `${urls.inventory}/reservations?orderId=${order.id}`,
          operator,
        );
        return items.filter((r) => r.status === 'RESERVED').length;
      }),
    );
    const total = counts.reduce((a, b) => a + b, 0);
    return total === orders.length ? total : undefined;
  }, waitingFor('reservations'));
  say(`  ✓ inventory reserved stock for ${reserved}/${orders.length} orders`);
  const notified = await eventually(async () => {
    const counts = await Promise.all(
      orders.map(async (order) => {
        const { items } = await getJson<Listed<{ inResponseTo: string }>>(
          `${urls.notifications}/notifications?orderId=${order.id}`,
          operator,
        );
        return items.filter((n) => n.inResponseTo === 'OrderCreated').length;
      }),
    );
    const total = counts.reduce((a, b) => a + b, 0);
    return total === orders.length ? total : undefined;
  }, waitingFor('notifications'));
  say(`  ✓ notifications told ${notified}/${orders.length} customers their order was received`);
  const statuses = await Promise.all(
    orders.map((order) => getJson<Order>(`${urls.orders}/orders/${order.id}`, operator)),
  );
  say(`  • orders: ${countBy(statuses.map((o) => o.status))} — each is waiting for its payment`);
  const lag = await consumerLag(settings.kafkaBrokers, 'payments', 'orders').catch(() => null);
  if (lag !== null) say(`  • consumer group "payments": ${lag} event(s) waiting on topic orders`);

  const logFile = path.join(os.tmpdir(), `fanout-demo-failure-payments-${process.pid}.log`);
  const payments = paymentsLauncher(settings.kafkaBrokers, settings.launcherArgs, logFile);
  step(4, 'Payments comes back (npm start -- --services payments)');
  say(`  its log: ${logFile}`);
  const restartAt = Date.now();
  payments.start();
  let verdict = { ok: false, text: 'the backlog was not drained' };
  try {
    await eventually(() => isUp(urls.payments), waitingFor('payments healthy', 180_000));
    say(`  ✓ payments healthy after ${seconds(Date.now() - restartAt)}`);
    const upAt = Date.now();

    step(5, 'It works through its backlog');
    const final = await eventually(async () => {
      const now = await Promise.all(
        orders.map((order) => getJson<Order>(`${urls.orders}/orders/${order.id}`, operator)),
      );
      return now.every((o) => o.status !== 'PENDING') && now;
    }, waitingFor('every order COMPLETED'));
    say(
      `  ✓ ${countBy(final.map((o) => o.status))} ${seconds(Date.now() - upAt)} after payments came up`,
    );
    let chargedOnce = 0;
    for (const order of final) {
      const { items: charged } = await getJson<Listed<{ status: string; amountCents: number }>>(
        `${urls.payments}/payments?orderId=${order.id}`,
        operator,
      );
      // The customer hears about the outcome a moment after orders records it.
      const told = await eventually(
        async () => {
          const { items } = await getJson<Listed<{ inResponseTo: string }>>(
            `${urls.notifications}/notifications?orderId=${order.id}`,
            operator,
          );
          return items.some((n) => n.inResponseTo !== 'OrderCreated') && items;
        },
        waitingFor(`the outcome notification of ${short(order.id)}`),
      );
      if (charged.length === 1) chargedOnce++;
      const payment = charged.map((p) => `${p.status} ${money(p.amountCents)}`).join(', ');
      say(
        `  order ${short(order.id)}  ${order.status.padEnd(9)}  payments: ${charged.length} (${payment})` +
          `  notifications: ${inStoryOrder(told.map((n) => n.inResponseTo)).join(', ')}`,
      );
    }
    const lagAfter = await eventually(
      async () => (await consumerLag(settings.kafkaBrokers, 'payments', 'orders')) === 0 && 0,
      waitingFor('payments lag 0'),
    ).catch(() => null);
    if (lagAfter !== null) say(`  • consumer group "payments": ${lagAfter} event(s) waiting`);
    const completed = final.filter((o) => o.status === 'COMPLETED').length;
    verdict = {
      ok: completed === orders.length && chargedOnce === orders.length,
      text: `${completed}/${orders.length} orders COMPLETED, ${chargedOnce}/${orders.length} charged exactly once`,
    };
  } finally {
    step(6, 'Stopping payments again (Ctrl-C to its launcher); the rest keeps running');
    await payments.stop();
  }
  say(`\nDone in ${seconds(Date.now() - started)}: ${verdict.text}; no order was refused.`);
  return verdict.ok ? 0 : 1;
}

const STORY = ['OrderCreated', 'OrderCompleted', 'OrderCancelled'];

/** The notifications in the order the customer got them: created first, then the outcome. */
function inStoryOrder(causes: string[]): string[] {
  return [...causes].sort((a, b) => STORY.indexOf(a) - STORY.indexOf(b));
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${n} ${value}`).join(', ');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Browser } from 'playwright-core';
import { OrderCreated } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { freePortOffset, LauncherRun } from '../support/launcher-run';
import { brokerKind } from '../support/test-broker';
import { ConsolePage, launchChromium } from './support/console-browser';

/**
 * The console in a real Chromium, against `npm start` (the launcher, its broker, PostgreSQL, the
 * four services and the console; ports moved by --port-offset): what a learner does on the page,
 * and what the page must show for it. The screenshots are docs/images/console-*.png
 * (`CONSOLE_SCREENSHOTS=docs` refreshes them).
 */
jest.setTimeout(600_000);

/** The launcher's ports without an offset: broker, PostgreSQL, services, inventory's replicas 2 and 3, console, control. */
const PORTS = [9092, 5433, 3000, 3001, 3002, 3003, 3012, 3022, 3004, 3099];
const START_TIMEOUT_MS = 240_000;
/** A service's restart, its group's rebalance and its catch-up, on two busy cores. */
const RECOVERY_MS = 120_000;

describe('the console', () => {
  let dataDir: string;
  let launcher: LauncherRun;
  let browser: Browser;
  let console: ConsolePage;
  let brokers: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-console-e2e-'));
    const offset = await freePortOffset(PORTS);
    // The same page on the broker E2E_BROKER names: `npm start -- --kafka apache` for Apache Kafka.
    launcher = new LauncherRun(
      offset,
      dataDir,
      'warn',
      brokerKind() === 'apache' ? ['--kafka', 'apache'] : [],
    );
    const line = await launcher.waitForLine(
      /console\s+http:\/\/127\.0\.0\.1:\d+/,
      START_TIMEOUT_MS,
    );
    await launcher.waitForLine(/Press Ctrl-C to stop/, START_TIMEOUT_MS);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0] as string;
    const kafkaLine = await launcher.waitForLine(/kafka\s+127\.0\.0\.1:\d+/, START_TIMEOUT_MS);
    brokers = /127\.0\.0\.1:\d+/.exec(kafkaLine)?.[0] as string;
    browser = await launchChromium();
    console = new ConsolePage(await browser.newPage({ viewport: { width: 1280, height: 1000 } }));
    await console.open(url);
  });

  afterAll(async () => {
    await browser?.close();
    if (launcher?.running) {
      launcher.signal('SIGTERM');
      await launcher.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(console.errors).toEqual([]);
  });

  it('shows every service up, the topics and one arrow per consumer group and topic', async () => {
    for (const service of ['orders', 'payments', 'inventory', 'notifications']) {
      await console.page
        .locator(`[data-instance="${service}"][data-status="up"]`)
        .waitFor({ timeout: 30_000 });
    }
    // payments, inventory and notifications read orders, analytics every topic; so does the console.
    for (const group of [...OrderCreated.consumers, 'console']) {
      expect(await console.page.locator(`[data-arrow="consume:${group}:orders"]`).count()).toBe(1);
    }
    await console.screenshot('topology');
  });

  it('follows an order placed on the page to COMPLETED, with every consuming group marked', async () => {
    const id = await console.placeOrder('KEYBOARD-01', 1);
    const order = await console.waitForOrderStatus(id, 'COMPLETED');
    await console
      .handledBy(id, 'OrderCreated')
      .nth(OrderCreated.consumers.length - 1)
      .waitFor({ timeout: 30_000 });
    const groups = await console
      .handledBy(id, 'OrderCreated')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-group')).sort());
    expect(groups).toEqual([...OrderCreated.consumers].sort());
    expect(await order.locator('li.step[data-type="OrderCreated"]').textContent()).toMatch(
      /at orders\/\d@\d+/,
    );
    for (const result of ['PaymentCompleted', 'StockReserved', 'OrderCompleted']) {
      await order.locator(`li.step[data-type="${result}"]`).waitFor();
    }
    await console.screenshot('order-completed', order);
  });

  it('shows a declined order cancelled, and the stock it had reserved released', async () => {
    // 6 × 199.00 = 1194.00: above the simulated provider's 1000.00 limit.
    const id = await console.placeOrder('MONITOR-01', 6, 'bob');
    const order = await console.waitForOrderStatus(id, 'CANCELLED');
    await order.locator('li.step[data-type="PaymentFailed"]').waitFor();
    await order.locator('li.step[data-type="StockReleased"]').waitFor({ timeout: 30_000 });
    expect(await order.locator('.reason').textContent()).toMatch(/payment failed/);
    expect(await order.locator('li.step[data-type="StockReleased"] .role').textContent()).toBe(
      'compensation',
    );
    await console.screenshot('order-cancelled', order);
  });

  it('keeps an order PENDING while payments is stopped, its lag above zero; then catches up', async () => {
    await console.clickAndWait('Stop payments', /Stop payments: done/);
    await console.page
      .locator('[data-instance="payments"][data-status="stopped"]')
      .waitFor({ timeout: 30_000 });
    const id = await console.placeOrder('CABLE-01', 2);
    await console.waitForLag('payments', 'above zero', 30_000);
    // Inventory and notifications handle it meanwhile: only payments is behind.
    await console.handledBy(id, 'OrderCreated').nth(1).waitFor({ timeout: 30_000 });
    expect(await console.order(id).getAttribute('data-status')).toBe('PENDING');
    expect(await console.lag('payments')).toBeGreaterThan(0);
    await console.page.locator(`li.order[data-order-id="${id}"]`).scrollIntoViewIfNeeded();
    await console.screenshot('payments-stopped');
    await console.screenshot(
      'payments-lag',
      console.page.locator('section[aria-labelledby="groups-h"]'),
    );

    await console.clickAndWait('Start payments', /Start payments: done/);
    await console.waitForOrderStatus(id, 'COMPLETED', RECOVERY_MS);
    await console.waitForLag('payments', 'zero', RECOVERY_MS);
    await console.handledBy(id, 'OrderCreated').nth(2).waitFor({ timeout: 30_000 });
  });

  it('reads with a principal that may not produce: the console changes no business data', async () => {
    const users = JSON.parse(
      readFileSync(path.join(dataDir, 'kafka-auth', 'users.json'), 'utf8'),
    ) as { users: { name: string; password: string }[] };
    const password = users.users.find((user) => user.name === 'console')?.password;
    expect(password).toBeDefined();
    const kafka = new Kafka({
      clientId: 'console-e2e',
      brokers: [brokers],
      sasl: { mechanism: 'scram-sha-512', username: 'console', password: password as string },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await expect(
        producer.send({ topic: 'orders', messages: [{ key: 'x', value: '{}' }] }),
      ).rejects.toThrow(/authoriz/i);
    } finally {
      await producer.disconnect();
    }
  });

  it('scales inventory to 3: its group splits the six partitions of orders among three members', async () => {
    await console.page.getByLabel('Inventory instances').fill('3');
    await console.clickAndWait('Scale inventory', /Scale inventory to 3: done/);
    const inventory = console.group('inventory');
    await inventory.locator('[data-members="3"]').waitFor({ timeout: RECOVERY_MS });
    // Until the rebalance settles, a member may hold none: wait for 2 + 2 + 2.
    await eventually(
      async () => {
        const members = await inventory.locator('li[data-member]').allTextContents();
        const owned = members.map((text) =>
          (/orders \[([\d, ]*)\]/.exec(text)?.[1] ?? '').split(',').filter((p) => p.trim()),
        );
        const all = owned.flat().map(Number).sort();
        return members.length === 3 &&
          owned.every((partitions) => partitions.length === 2) &&
          all.join(',') === '0,1,2,3,4,5'
          ? owned
          : undefined;
      },
      { timeoutMs: RECOVERY_MS, intervalMs: 250, description: 'inventory: 2 + 2 + 2 partitions' },
    );
    const owners = await inventory
      .locator('li[data-member] strong')
      .evaluateAll((items) => items.map((item) => item.textContent).sort());
    expect(owners).toEqual(['inventory-1', 'inventory-2', 'inventory-3']);
    await console.screenshot('inventory-scaled', inventory);
  });
});

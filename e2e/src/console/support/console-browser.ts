import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '@fanout/testing';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
/**
 * Where the tests' screenshots go. `CONSOLE_SCREENSHOTS=docs` refreshes the ones the README and
 * docs/architecture.md show (docs/images); otherwise a test run leaves the tree as it found it.
 */
const SCREENSHOT_DIR =
  process.env['CONSOLE_SCREENSHOTS'] === 'docs'
    ? path.join(REPO_ROOT, 'docs', 'images')
    : path.join(os.tmpdir(), 'fanout-console-screenshots');

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH: no browser download. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error('no Chromium: apt-get install -y chromium, or set CHROMIUM_PATH');
  }
  return found;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // As root (CI containers), Chromium refuses to start its sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** The console's page, driven as a person would: its form, its buttons, what it shows. */
export class ConsolePage {
  /** What the page logged as errors: a test fails on them. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    // The connection badge turns from 'reconnecting' to 'live' once the event stream is open.
    await this.page.locator('.connection .badge-up').waitFor({ timeout: 30_000 });
  }

  /** Places an order through the page's form; returns its id as the page reports it. */
  async placeOrder(sku: string, quantity: number, customer = 'alice'): Promise<string> {
    await this.page.getByLabel('Customer').fill(customer);
    await this.page.getByLabel('SKU').fill(sku);
    await this.page.getByLabel('Quantity').fill(String(quantity));
    const result = this.page.getByTestId('order-result');
    await this.page.getByRole('button', { name: 'Place order' }).click();
    await result.filter({ hasText: /Placed order|Not placed/ }).waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    const id = /Placed order ([0-9a-f-]{36})/.exec(text)?.[1];
    if (!id) throw new Error(`the page did not place the order: ${text}`);
    return id;
  }

  order(id: string): Locator {
    return this.page.locator(`li.order[data-order-id="${id}"]`);
  }

  async waitForOrderStatus(id: string, status: string, timeoutMs = 60_000): Promise<Locator> {
    const order = this.page.locator(`li.order[data-order-id="${id}"][data-status="${status}"]`);
    await order.waitFor({ timeout: timeoutMs });
    return order;
  }

  /** The groups the page marks as having handled one of the order's events. */
  handledBy(id: string, type: string): Locator {
    return this.order(id).locator(`li.step[data-type="${type}"] li[data-handled="true"]`);
  }

  group(name: string): Locator {
    return this.page.locator(`section.group[data-group="${name}"]`);
  }

  /** Waits until the lag the page shows for a group is zero, or above zero. */
  async waitForLag(group: string, expected: 'zero' | 'above zero', timeoutMs: number) {
    await eventually(
      async () => {
        const lag = await this.lag(group);
        return (expected === 'zero' ? lag === 0 : lag > 0) ? lag : undefined;
      },
      { timeoutMs, intervalMs: 200, description: `${group}'s lag on the page ${expected}` },
    );
  }

  async lag(group: string): Promise<number> {
    return Number(await this.group(group).locator('.lag').getAttribute('data-lag'));
  }

  async clickAndWait(button: string, done: RegExp): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    await this.page
      .getByTestId('service-result')
      .filter({ hasText: done })
      .waitFor({ timeout: 60_000 });
  }

  async screenshot(name: string, target?: Locator): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `console-${name}.png`);
    if (target) await target.screenshot({ path: file });
    else await this.page.screenshot({ path: file });
  }
}

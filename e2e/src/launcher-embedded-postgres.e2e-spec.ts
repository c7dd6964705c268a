import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceNames } from '@fanout/contracts';
import { isPortFree, isProcessAlive } from '@fanout/node-process';
import { eventually, withPostgresClient } from '@fanout/testing';
import {
  allPids,
  childrenOf,
  freePortOffset,
  LauncherRun,
  launcherTokenHeaders,
} from './support/launcher-run';
import { getJson, postJson } from './support/http-client';

/**
 * `npm start` on its default database: one embedded PostgreSQL server under DATA_DIR, a database
 * and a role per service. An order placed in one run is there in the next, and a SIGKILLed
 * launcher leaves no PostgreSQL behind.
 */
jest.setTimeout(600_000);

const ORDERS_PORT = 3000;
/** The broker, PostgreSQL, the four services, the console and the launcher's control endpoint. */
const PORTS = [9092, 5433, 3000, 3001, 3002, 3003, 3004, 3005, 3099];
const POSTGRES_PORT = 5433;
// Four services, a broker and PostgreSQL starting at once on two cores (initdb the first time).
const START_TIMEOUT_MS = 200_000;
// The launcher's 15 s grace for the services, then PostgreSQL's fast shutdown, with nobody left
// to SIGKILL.
const ORPHANS_GONE_MS = 40_000;

interface Order {
  id: string;
  status: string;
}

/** Gone, or a zombie that nobody has reaped yet (an orphan's parent is init): it has exited. */
function hasExited(pid: number): boolean {
  return !isProcessAlive(pid);
}

/** Live PostgreSQL processes whose command line names this cluster directory (the postmaster). */
function postgresOf(clusterDir: string): number[] {
  return allPids().filter((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[0].endsWith('/bin/postgres') && args.includes(clusterDir) && !hasExited(pid);
    } catch {
      return false;
    }
  });
}

describe('npm start on one embedded PostgreSQL server', () => {
  let workDir: string;
  let clusterDir: string;
  let offset: number;
  let launcher: LauncherRun | undefined;
  let started: number[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-embedded-pg-e2e-'));
    // As root, PostgreSQL runs as the postgres user, which must reach the data directory.
    chmodSync(workDir, 0o755);
    clusterDir = path.join(workDir, 'postgres');
    offset = await freePortOffset(PORTS);
  });

  afterEach(async () => {
    if (launcher?.running) {
      launcher.signal('SIGKILL');
      await launcher.exited;
    }
    await eventually(async () => (started.every(hasExited) ? true : undefined), {
      timeoutMs: ORPHANS_GONE_MS,
      description: 'the children of a failed case exited',
    }).catch(() => {
      for (const pid of started.filter((child) => !hasExited(child))) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
    });
    started = [];
    launcher = undefined;
  });

  afterAll(() => {
    // Whatever a failed case left of the server (its owner gone, the postmaster not).
    for (const pid of postgresOf(clusterDir)) process.kill(pid, 'SIGQUIT');
    rmSync(workDir, { recursive: true, force: true });
  });

  async function startHealthy(): Promise<LauncherRun> {
    const run = new LauncherRun(offset, workDir, 'warn');
    launcher = run;
    // The last line of the block: the URLs and the database line are all printed by then.
    await run.waitForLine(/\| Press Ctrl-C to stop\./, START_TIMEOUT_MS);
    started = childrenOf(run.pid);
    return run;
  }

  const ordersUrl = () => `http://127.0.0.1:${ORDERS_PORT + offset}/orders`;
  let orderId: string;

  it('runs the services on it, a database and a role each, and completes an order', async () => {
    const run = await startHealthy();

    expect(run.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `launcher +\\|   database +postgres://127\\.0\\.0\\.1:${POSTGRES_PORT + offset} ` +
            '\\(embedded PostgreSQL',
        ),
      ),
    );
    // The broker, PostgreSQL's owner, the four services and the console.
    expect(started).toHaveLength(8);
    expect(postgresOf(clusterDir)).toHaveLength(1);

    const customer = await launcherTokenHeaders(workDir, 'embedded-pg-customer', ['customer']);
    // Orders prices from the catalogue inventory publishes at start: wait until it knows it.
    await eventually(
      async () => {
        const { body } = await getJson<{ items: { sku: string }[] }>(
          `http://127.0.0.1:${ORDERS_PORT + offset}/catalogue`,
          customer,
        );
        return body.items?.some(({ sku }) => sku === 'CABLE-01') ? true : undefined;
      },
      { timeoutMs: 60_000, description: 'orders knows the price of CABLE-01' },
    );
    const placed = await postJson<Order>(
      ordersUrl(),
      { items: [{ sku: 'CABLE-01', quantity: 2 }] },
      customer,
    );
    expect(placed.status).toBe(201);
    orderId = placed.body.id;
    const completed = await eventually(
      async () => {
        const { body } = await getJson<Order>(`${ordersUrl()}/${orderId}`, customer);
        return body.status === 'PENDING' ? undefined : body;
      },
      { timeoutMs: 60_000, description: `order ${orderId} final` },
    );
    expect(completed.status).toBe('COMPLETED');

    const password = readFileSync(path.join(workDir, 'postgres-superuser.password'), 'utf8');
    const adminUrl = `postgres://postgres:${password.trim()}@127.0.0.1:${POSTGRES_PORT + offset}/postgres`;
    const databases = await withPostgresClient(adminUrl, async (client) => {
      const { rows } = await client.query<{ name: string; owner: string; others: boolean }>(
        `SELECT datname AS name, pg_get_userbyid(datdba) AS owner,
                has_database_privilege('fanout_payments', datname, 'CONNECT') AS others
           FROM pg_database WHERE datname LIKE 'fanout\\_%' ORDER BY datname`,
      );
      return rows;
    });
    // One database per service, owned by its own role; payments may connect to its own alone.
    expect(databases).toEqual(
      [...serviceNames].sort().map((service) => ({
        name: `fanout_${service}`,
        owner: `fanout_${service}`,
        others: service === 'payments',
      })),
    );

    run.signal('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.lines).toContainEqual(expect.stringMatching(/postgres +\| PostgreSQL stopped/));
    expect(postgresOf(clusterDir)).toEqual([]);
  });

  it('finds the order again on the next start, and leaves no PostgreSQL once SIGKILLed', async () => {
    expect(orderId).toBeDefined();
    const run = await startHealthy();

    expect(run.lines).not.toContainEqual(expect.stringMatching(/initialising a new cluster/));
    // The key was kept in the data directory: a token of the first run is still good.
    const customer = await launcherTokenHeaders(workDir, 'embedded-pg-customer', ['customer']);
    const { status, body } = await getJson<Order>(`${ordersUrl()}/${orderId}`, customer);
    expect(status).toBe(200);
    expect(body).toEqual(expect.objectContaining({ id: orderId, status: 'COMPLETED' }));
    const children = [...started];
    expect(postgresOf(clusterDir)).toHaveLength(1);

    run.signal('SIGKILL');
    await run.exited;

    await eventually(
      async () =>
        children.every(hasExited) && postgresOf(clusterDir).length === 0 ? true : undefined,
      { timeoutMs: ORPHANS_GONE_MS, description: 'the children and PostgreSQL exited' },
    );
    expect(await isPortFree(POSTGRES_PORT + offset)).toBe(true);
  });
});

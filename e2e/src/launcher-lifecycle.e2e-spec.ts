import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isPortFree, isProcessAlive } from '@fanout/node-process';
import { eventually } from '@fanout/testing';
import { childrenOf, freePortOffset, LauncherRun } from './support/launcher-run';

/**
 * `npm start` for real: the launcher with its broker, its embedded PostgreSQL server, four
 * services and the console (ports moved by --port-offset so that a developer's own `npm start` is
 * left alone), stopped the ways a terminal stops it. Whatever happens to the launcher, nothing it
 * started may stay behind.
 */
jest.setTimeout(300_000);

const SERVICE_PORTS = {
  orders: 3000,
  payments: 3001,
  inventory: 3002,
  notifications: 3003,
  analytics: 3005,
};
const BROKER_PORT = 9092;
// Four services, the broker and PostgreSQL (initdb on the first start) at once on two cores.
const START_TIMEOUT_MS = 200_000;
// The launcher's 15 s grace for the services, then the broker's, when nobody is left to SIGKILL.
const ORPHANS_GONE_MS = 35_000;

/** Holds a port the way a forgotten process would: it accepts and drops every connection. */
function holdPort(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** The embedded PostgreSQL server of the default database mode (5433 + offset). */
const EMBEDDED_POSTGRES_PORT = 5433;
/** The broker, the embedded PostgreSQL server's owner, the four services and the console. */
const CHILDREN = 8;
/** The console (apps/console) and the launcher's control endpoint it calls. */
const CONSOLE_PORTS = [3004, 3099];

/** The launcher's ports without --port-offset. */
const PORTS = [
  BROKER_PORT,
  EMBEDDED_POSTGRES_PORT,
  ...Object.values(SERVICE_PORTS),
  ...CONSOLE_PORTS,
];

function portsOf(offset: number): number[] {
  return PORTS.map((port) => port + offset);
}

async function expectAllGone(pids: readonly number[], ports: readonly number[], timeoutMs: number) {
  // A zombie that nobody has reaped yet (an orphan's parent is init) counts as exited.
  await eventually(async () => (pids.some(isProcessAlive) ? undefined : true), {
    timeoutMs,
    description: `the launcher's children (${pids.join(', ')}) exited`,
  });
  await eventually(
    async () =>
      (await Promise.all(ports.map((port) => isPortFree(port)))).every(Boolean) ? true : undefined,
    { timeoutMs: 5_000, description: `ports ${ports.join(', ')} free` },
  );
}

describe('the launcher leaves nothing behind', () => {
  let workDir: string;
  let launcher: LauncherRun | undefined;
  let started: number[] = [];
  let held: Server | undefined;

  beforeAll(() => {
    // One data directory for the file: the cases after the first find the databases created.
    workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-launcher-e2e-'));
  });

  afterEach(async () => {
    held?.close();
    held = undefined;
    if (launcher?.running) {
      launcher.signal('SIGKILL');
      await launcher.exited;
    }
    // Whatever a failed case left running.
    // Each child's process group, so that the postgres under the database owner goes too.
    for (const pid of started.filter(isProcessAlive)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
    started = [];
    launcher = undefined;
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  /** Starts a launcher and waits until it reports every service healthy; returns its children. */
  async function startHealthy(offset: number): Promise<number[]> {
    launcher = new LauncherRun(offset, workDir);
    await launcher.waitForLine(/\| Fanout is running:/, START_TIMEOUT_MS);
    started = childrenOf(launcher.pid);
    expect(started).toHaveLength(CHILDREN);
    return started;
  }

  it('stops everything on SIGHUP (a closed terminal), as on Ctrl-C', async () => {
    const offset = await freePortOffset(PORTS);
    const children = await startHealthy(offset);

    launcher?.signal('SIGHUP');

    expect(await launcher?.exited).toEqual({ code: 0, signal: null });
    expect(launcher?.lines).toContainEqual(expect.stringMatching(/launcher +\| SIGHUP: stopping/));
    expect(launcher?.lines).toContainEqual(expect.stringMatching(/broker +\| .*broker stopped/));
    await expectAllGone(children, portsOf(offset), 5_000);
  });

  it('stops everything on its own when the launcher is SIGKILLed', async () => {
    const offset = await freePortOffset(PORTS);
    const children = await startHealthy(offset);

    launcher?.signal('SIGKILL');
    await launcher?.exited;

    await expectAllGone(children, portsOf(offset), ORPHANS_GONE_MS);
  });

  it('refuses to start, in one line naming it, when the broker port is taken', async () => {
    const offset = await freePortOffset(PORTS);
    held = await holdPort(BROKER_PORT + offset);

    launcher = new LauncherRun(offset, workDir);

    expect(await launcher.exited).toEqual({ code: 1, signal: null });
    expect(launcher.lines).toEqual([
      `launcher      | start-up failed: port ${BROKER_PORT + offset} (for broker) is already in use: ` +
        'stop whatever listens there (another Fanout?), or start this one with --port-offset <n>',
    ]);
  });

  it('stops what it started when a service finds its port taken during start-up', async () => {
    const offset = await freePortOffset(PORTS);
    const paymentsPort = SERVICE_PORTS.payments + offset;
    launcher = new LauncherRun(offset, workDir);
    // The launcher checks its ports before it starts anything, and a service listens only once
    // its database and Kafka clients are ready: the port is taken in between.
    const run = launcher;
    started = await eventually(
      async () => {
        const children = childrenOf(run.pid);
        return children.length === CHILDREN ? children : undefined;
      },
      {
        timeoutMs: START_TIMEOUT_MS,
        description: 'the broker, the database and four services started',
        giveUpIf: () => (run.running ? undefined : 'the launcher exited'),
      },
    );
    held = await holdPort(paymentsPort);

    const exit = await launcher.exited;

    expect(exit.code).not.toBe(0);
    expect(launcher.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `payments +\\| .* payments failed to start: port ${paymentsPort} is already in use`,
        ),
      ),
    );
    expect(launcher.lines).toContainEqual(
      expect.stringMatching(
        /launcher +\| start-up failed: payments exited \(code 1, signal null\) before it was healthy/,
      ),
    );
    // No stack trace anywhere: not a bug, an expected mistake.
    expect(launcher.lines.filter((line) => /\|\s+at /.test(line))).toEqual([]);
    await expectAllGone(
      started,
      portsOf(offset).filter((port) => port !== paymentsPort),
      5_000,
    );
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Real processes: a stand-in launcher starts children with the parent watch preloaded, the test
 * SIGKILLs the stand-in and watches what the children do.
 */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const PARENT_WATCH = path.join(__dirname, 'parent-watch.ts');

interface ChildSpec {
  /** The child's program (plain JavaScript). */
  script: string;
  /** Start it the way the launcher does, with an IPC channel. */
  ipc: boolean;
  /** Where its output goes; 'pipe' is a pipe to the stand-in, as the launcher's children have. */
  output: 'pipe' | string;
  /** Sent over the channel once every child has started: the pids of the children listed. */
  outlive?: number[];
}

/** The stand-in launcher: starts the children, prints their pids, then waits to be killed. */
const STAND_IN = `
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const specs = JSON.parse(process.argv[1]);
const children = specs.map((spec) => {
  const out = spec.output === 'pipe' ? 'pipe' : fs.openSync(spec.output, 'a');
  return spawn(process.execPath, ['-r', '@swc-node/register', '-r', ${JSON.stringify(PARENT_WATCH)}, '-e', spec.script], {
    stdio: ['ignore', out, out, ...(spec.ipc ? ['ipc'] : [])],
    detached: true,
  });
});
specs.forEach((spec, i) => {
  if (spec.outlive) children[i].send({ outlive: spec.outlive.map((j) => children[j].pid) });
});
console.log(JSON.stringify(children.map((child) => child.pid)));
setInterval(() => {}, 1000);
`;

/** A child that logs its shutdown to a file, on stdout, and once more after a pause. */
function politeChild(logFile: string, shutdownMs = 100): string {
  const log = (text: string) =>
    `require('node:fs').appendFileSync(${JSON.stringify(logFile)}, ${text} + '\\n')`;
  return `
    process.on('SIGTERM', () => {
      ${log(`'SIGTERM ' + Date.now()`)};
      console.log('shutting down');
      setTimeout(() => { ${log(`'stopped ' + Date.now()`)}; process.exit(0); }, ${shutdownMs});
    });
    ${log(`'ready'`)};
    setInterval(() => {}, 1000);
  `;
}

let workDir: string;
const standIns: ChildProcess[] = [];
const childPids: number[] = [];

beforeEach(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'parent-watch-'));
});

afterEach(() => {
  for (const pid of childPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const standIn of standIns.splice(0)) standIn.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

async function startStandIn(
  specs: ChildSpec[],
): Promise<{ standIn: ChildProcess; pids: number[] }> {
  // Jest's NODE_OPTIONS (--experimental-vm-modules) is not for these processes.
  const { NODE_OPTIONS: _jestOnly, ...env } = process.env;
  const standIn = spawn(process.execPath, ['-e', STAND_IN, JSON.stringify(specs)], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  standIns.push(standIn);
  const pids = await new Promise<number[]>((resolve, reject) => {
    standIn.stdout?.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
    standIn.once('exit', () => reject(new Error('the stand-in launcher exited')));
  });
  childPids.push(...pids);
  return { standIn, pids };
}

/** Gone, or a zombie nobody has reaped yet: either way it has exited. */
function hasExited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await delay(50);
  }
}

function lines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n');
  } catch {
    return [];
  }
}

function killStandIn(standIn: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => standIn.once('exit', () => resolve()));
  standIn.kill('SIGKILL');
  return exited;
}

describe('parent watch', () => {
  it('stops an orphaned child through its SIGTERM shutdown, writing to a closed pipe on the way', async () => {
    const log = path.join(workDir, 'child.log');
    const { standIn, pids } = await startStandIn([
      { script: politeChild(log), ipc: true, output: 'pipe' },
    ]);
    await waitFor('child ready', () => lines(log).includes('ready'));

    await killStandIn(standIn);

    await waitFor('child exited', () => hasExited(pids[0]));
    // 'stopped' comes after a console.log to the dead launcher's pipe: the EPIPE did not crash it.
    expect(lines(log).map((line) => line.split(' ')[0])).toEqual(['ready', 'SIGTERM', 'stopped']);
  });

  it('stops a child told to outlive others only after they have stopped', async () => {
    const first = path.join(workDir, 'service.log');
    const last = path.join(workDir, 'broker.log');
    const { standIn, pids } = await startStandIn([
      { script: politeChild(first, 500), ipc: true, output: first },
      { script: politeChild(last), ipc: true, output: last, outlive: [0] },
    ]);
    await waitFor('children ready', () => [first, last].every((f) => lines(f).includes('ready')));

    await killStandIn(standIn);

    await waitFor('children exited', () => pids.every(hasExited));
    const timeOf = (file: string, event: string) =>
      Number(
        lines(file)
          .find((line) => line.startsWith(`${event} `))
          ?.split(' ')[1],
      );
    expect(timeOf(last, 'SIGTERM')).toBeGreaterThanOrEqual(timeOf(first, 'stopped'));
  });

  it('leaves a child without an IPC channel alone, as a service run on its own', async () => {
    const log = path.join(workDir, 'standalone.log');
    const { standIn, pids } = await startStandIn([
      { script: politeChild(log), ipc: false, output: log },
    ]);
    await waitFor('child ready', () => lines(log).includes('ready'));

    await killStandIn(standIn);
    // A witness started after the kill, under the same conditions, has had the time to react.
    const witnessLog = path.join(workDir, 'witness.log');
    const witness = await startStandIn([
      { script: politeChild(witnessLog), ipc: true, output: witnessLog },
    ]);
    await waitFor('witness ready', () => lines(witnessLog).includes('ready'));
    await killStandIn(witness.standIn);
    await waitFor('witness exited', () => hasExited(witness.pids[0]));

    expect(hasExited(pids[0])).toBe(false);
    expect(lines(log)).toEqual(['ready']);
  });
});

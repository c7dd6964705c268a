import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeProcess, type NodeProcessOptions } from './node-process';

const FIXTURE = 'libs/node-process/src/fixtures/signal-reporter.ts';

async function logShows(child: NodeProcess, text: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!child.logTail(100).includes(text)) {
    if (Date.now() > deadline) throw new Error(`log never showed "${text}":\n${child.logTail()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('NodeProcess', () => {
  let dir: string;
  const children: NodeProcess[] = [];
  const reporter = (env: Record<string, string> = {}, options?: NodeProcessOptions) => {
    const child = new NodeProcess(
      'reporter',
      FIXTURE,
      ['reporter'],
      { GREETING: 'hello', ...env },
      path.join(dir, `reporter-${children.length}.log`),
      options,
    );
    children.push(child);
    return child;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'node-process-'));
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.kill()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the script with its environment and logs its output; stop() sends SIGTERM', async () => {
    const child = reporter();
    child.start();
    await logShows(child, 'reporter started with GREETING=hello');
    expect(child.running).toBe(true);
    await child.stop();
    expect(child.running).toBe(false);
    expect(child.logTail()).toContain('reporter stopped by SIGTERM');
  });

  it('stops with the signal it was given', async () => {
    const child = reporter({}, { stopSignal: 'SIGINT' });
    child.start();
    await logShows(child, 'started');
    await child.stop();
    expect(child.logTail()).toContain('reporter stopped by SIGINT');
  });

  it('kills a process that ignores SIGTERM once the grace time is over', async () => {
    const child = reporter({ IGNORE_SIGTERM: '1' }, { stopGraceMs: 300 });
    child.start();
    await logShows(child, 'started');
    const stoppingAt = performance.now();
    await child.stop();
    expect(performance.now() - stoppingAt).toBeGreaterThanOrEqual(300);
    expect(child.running).toBe(false);
    expect(child.logTail()).toContain('reporter ignored SIGTERM');
    expect(child.logTail()).not.toContain('stopped by');
  });

  it('kill() ends it at once, with no shutdown hook run', async () => {
    const child = reporter();
    child.start();
    await logShows(child, 'started');
    await child.kill();
    expect(child.running).toBe(false);
    expect(child.logTail()).not.toContain('stopped by');
  });

  it('starts again after a stop, appending to the same log, and refuses to start twice', async () => {
    const child = reporter();
    child.start();
    expect(() => child.start()).toThrow('reporter is already running');
    await logShows(child, 'started');
    await child.stop();
    child.start();
    await logShows(child, 'stopped by SIGTERM\nreporter started');
    expect(child.logTail().match(/started with/g)).toHaveLength(2);
  });

  it('runs a command in its directory with only the environment given, when isolated', async () => {
    process.env['NODE_PROCESS_SPEC_OUTER'] = 'outer';
    const script =
      'console.log(`cwd=${process.cwd()} given=${process.env.GIVEN} outer=${process.env.NODE_PROCESS_SPEC_OUTER}`)';
    const run = (isolatedEnv: boolean) => {
      const child = NodeProcess.command(
        'command',
        [process.execPath, '-e', script],
        { GIVEN: 'yes' },
        path.join(dir, `command-${children.length}.log`),
        { cwd: dir, isolatedEnv },
      );
      children.push(child);
      child.start();
      return child;
    };
    try {
      const isolated = run(true);
      await logShows(isolated, `cwd=${dir} given=yes outer=undefined`);
      const inheriting = run(false);
      await logShows(inheriting, `cwd=${dir} given=yes outer=outer`);
    } finally {
      delete process.env['NODE_PROCESS_SPEC_OUTER'];
    }
  });
});

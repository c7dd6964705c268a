import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { ProcessSupervisor } from './process-supervisor';

/** A child that prints "ready", then either exits on SIGTERM or ignores it. */
function nodeChild(onSigterm: 'exit' | 'ignore') {
  const script = [
    onSigterm === 'exit'
      ? "process.on('SIGTERM', () => { console.log('finishing'); process.exit(0); });"
      : "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));",
    "console.log('ready');",
    'setInterval(() => {}, 1000);',
  ].join('\n');
  return { command: process.execPath, args: ['-e', script], cwd: process.cwd(), env: process.env };
}

function firstLine(supervised: { onLine(listener: (line: string) => void): () => void }) {
  return new Promise<string>((resolve) => {
    const stop = supervised.onLine((line) => {
      stop();
      resolve(line);
    });
  });
}

/** Gone, or a zombie its new parent has not reaped yet: either way it has exited. */
function hasExited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not met within ${timeoutMs} ms`);
    await delay(50);
  }
}

describe('ProcessSupervisor', () => {
  const supervisor = new ProcessSupervisor();

  afterAll(() => supervisor.killAll());

  it('reads output line by line and stops a child with SIGTERM', async () => {
    const child = supervisor.start({ name: 'polite', ...nodeChild('exit') });
    const lines: string[] = [];
    child.onLine((line) => lines.push(line));
    await firstLine(child);

    await supervisor.stop([child], 5_000);

    expect(child.running).toBe(false);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(lines).toEqual(['ready', 'finishing']);
  });

  it('kills a child that outlives the grace period', async () => {
    const child = supervisor.start({ name: 'stubborn', ...nodeChild('ignore') });
    await firstLine(child);

    await supervisor.stop([child], 300);

    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('kills what the child started along with it (its process group)', async () => {
    const script = [
      "const { spawn } = require('node:child_process');",
      "const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });",
      "process.on('SIGTERM', () => undefined);",
      'console.log(sleeper.pid);',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const child = supervisor.start({
      name: 'parent',
      command: process.execPath,
      args: ['-e', script],
      cwd: process.cwd(),
      env: process.env,
    });
    const grandchild = Number(await firstLine(child));

    await supervisor.stop([child], 300);

    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await waitUntil(() => hasExited(grandchild), 5_000);
  });
});

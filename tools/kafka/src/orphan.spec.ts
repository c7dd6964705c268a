import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive } from '@fanout/node-process';
import { eventually } from '@fanout/testing';
import { ensureKafkaJars } from './kafka-jars';
import { REPO_ROOT } from './kafka-paths';

// Real JVMs: two runners at once whose parent dies (5-15 s to start here).

/**
 * A stand-in parent (it only starts the runner and idles) for `npm run kafka`, its output in
 * `log`; with `ipc`, the runner gets an IPC channel, as the launcher gives its children.
 */
function standIn(dataDir: string, log: string, ipc: boolean): ChildProcess {
  const script = `
    const { spawn } = require('node:child_process');
    const fs = require('node:fs');
    const out = fs.openSync(${JSON.stringify(log)}, 'a');
    const runner = spawn(process.execPath, ${JSON.stringify([
      '-r',
      '@swc-node/register',
      'tools/kafka/src/main.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ])}, { stdio: ['ignore', out, out${ipc ? ", 'ipc'" : ''}] });
    fs.writeSync(out, 'runner pid ' + runner.pid + '\\n');
    setInterval(() => {}, 1000);
  `;
  const { NODE_OPTIONS: _jestOnly, ...env } = process.env;
  return spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, env, stdio: 'ignore' });
}

function read(log: string): string {
  try {
    return readFileSync(log, 'utf8');
  } catch {
    return '';
  }
}

const pidIn = (log: string, what: 'runner' | 'jvm') =>
  Number(new RegExp(`${what} pid (\\d+)`).exec(read(log))?.[1] ?? 0);

describe('npm run kafka whose parent dies', () => {
  let workDir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    await ensureKafkaJars();
    workDir = mkdtempSync(path.join(os.tmpdir(), 'kafka-orphan-'));
  }, 300_000);

  afterAll(async () => {
    // Whatever a failed test left running: the runners stop their JVMs on SIGTERM.
    for (const log of logs) {
      const runner = pidIn(log, 'runner');
      if (isProcessAlive(runner)) process.kill(runner, 'SIGTERM');
    }
    await eventually(
      () =>
        logs.every(
          (log) => !isProcessAlive(pidIn(log, 'runner')) && !isProcessAlive(pidIn(log, 'jvm')),
        ),
      { timeoutMs: 60_000, description: 'the runners and their JVMs to exit' },
    ).catch(() => {
      for (const log of logs) {
        for (const pid of [pidIn(log, 'runner'), pidIn(log, 'jvm')]) {
          if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
        }
      }
    });
    rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  it('stops on its own, unless an IPC channel says the parent watch stops it in order', async () => {
    const plainLog = path.join(workDir, 'plain.log');
    const watchedLog = path.join(workDir, 'watched.log');
    logs.push(plainLog, watchedLog);
    const parents = [
      standIn(path.join(workDir, 'plain'), plainLog, false),
      standIn(path.join(workDir, 'watched'), watchedLog, true),
    ];
    await eventually(
      () => [plainLog, watchedLog].every((log) => read(log).includes('kafka listening on')),
      { timeoutMs: 180_000, intervalMs: 250, description: 'both runners listening' },
    );

    for (const parent of parents) parent.kill('SIGKILL');

    // The runner without a channel notices on its own (it polls its parent once a second)...
    await eventually(() => !isProcessAlive(pidIn(plainLog, 'runner')), {
      timeoutMs: 60_000,
      description: 'the runner without an IPC channel to stop',
    });
    expect(read(plainLog)).toContain('kafka: parent process gone: stopping');
    expect(isProcessAlive(pidIn(plainLog, 'jvm'))).toBe(false);
    // ... while the launcher's child leaves it to the parent watch, which would first wait for
    // the services: nothing here has stopped it yet.
    expect(read(watchedLog)).not.toContain('stopping');
    expect(isProcessAlive(pidIn(watchedLog, 'runner'))).toBe(true);
    expect(isProcessAlive(pidIn(watchedLog, 'jvm'))).toBe(true);
  }, 300_000);
});

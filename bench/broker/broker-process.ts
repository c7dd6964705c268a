import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { killOnExit } from './exit-cleanup';
import { sampleProcess, type ProcessSample } from './process-stats';

export const repoRoot = resolve(__dirname, '../..');
export const brokerSourceDir = join(repoRoot, 'libs/broker/src');
export const brokerCliPath = join(brokerSourceDir, 'cli/main.ts');

/** How to run the broker CLI: compiled JavaScript, or its TypeScript through @swc-node/register. */
export interface BrokerLaunch {
  nodeArgs: string[];
  entry: string;
  env: NodeJS.ProcessEnv;
}

export function swcNodeLaunch(): BrokerLaunch {
  return { nodeArgs: ['-r', '@swc-node/register'], entry: brokerCliPath, env: process.env };
}

/** The CLI built into dist/ by `npm run build:broker` (see build-broker.ts). */
export function compiledLaunch(): BrokerLaunch {
  return { nodeArgs: [], entry: join(repoRoot, 'dist/libs/broker/cli/main.js'), env: process.env };
}

const STARTUP_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 15_000;

export interface BrokerRequestTimes {
  count: number;
  p50Ms: number;
  p99Ms: number;
}

const REPORT_LIMIT_MS = 10_000;

/** Reads the lines the CLI prints on SIGUSR2: `... request times api=Produce count=5 p50Ms=...`. */
export function parseRequestTimes(report: string): Map<string, BrokerRequestTimes> {
  const times = new Map<string, BrokerRequestTimes>();
  const line = /request times api=(\w+) count=(\d+) p50Ms=([\d.]+) p99Ms=([\d.]+)/g;
  for (const [, api, count, p50, p99] of report.matchAll(line)) {
    times.set(api as string, { count: Number(count), p50Ms: Number(p50), p99Ms: Number(p99) });
  }
  return times;
}

/** The broker CLI in its own process, so that its CPU time and memory are its own. */
export interface BrokerProcess {
  readonly bootstrap: string;
  readonly pid: number;
  sample(): ProcessSample;
  /** Per-API time requests spent in the broker since the previous call (the CLI's SIGUSR2). */
  takeRequestTimes(): Promise<Map<string, BrokerRequestTimes>>;
  /** SIGTERM, then SIGKILL if the broker has not exited in time. */
  stop(): Promise<void>;
}

export function brokerCliExists(): boolean {
  return existsSync(brokerCliPath);
}

/**
 * Starts the CLI on a free port with the default settings (fsync included) and `dataDir`, plus
 * `brokerArgs` (e.g. a SASL listener).
 */
export function startBrokerProcess(
  launch: BrokerLaunch,
  dataDir: string,
  extraNodeArgs: string[] = [],
  brokerArgs: string[] = [],
): Promise<BrokerProcess> {
  const child = killOnExit(
    spawn(
      process.execPath,
      [
        ...extraNodeArgs,
        ...launch.nodeArgs,
        launch.entry,
        '--port',
        '0',
        '--data-dir',
        dataDir,
        ...brokerArgs,
      ],
      { cwd: repoRoot, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  let output = '';
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stderr.on('data', keepTail);

  return new Promise((resolveStart, rejectStart) => {
    const fail = (reason: string) => {
      child.kill('SIGKILL');
      rejectStart(new Error(`broker did not start: ${reason}\n${output}`));
    };
    const timer = setTimeout(
      () => fail(`no "listening" line within ${STARTUP_LIMIT_MS} ms`),
      STARTUP_LIMIT_MS,
    );
    const exitedEarly = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      fail(`exited with ${code ?? signal}`);
    };
    child.once('exit', exitedEarly);
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      keepTail(chunk);
      const match = started ? null : /broker listening on ([\w.:-]+):(\d+)/.exec(output);
      if (!match) return;
      started = true;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      resolveStart({
        bootstrap: `${match[1]}:${match[2]}`,
        pid: child.pid as number,
        sample: () => sampleProcess(child.pid as number),
        takeRequestTimes: () => {
          let report = '';
          const reported = new Promise<Map<string, BrokerRequestTimes>>((resolveReport, fail) => {
            const timer = setTimeout(() => {
              child.stdout.off('data', collect);
              fail(new Error('the broker did not answer SIGUSR2 in time'));
            }, REPORT_LIMIT_MS);
            const collect = (chunk: Buffer) => {
              report += chunk.toString();
              if (!report.includes('request times end')) return;
              child.stdout.off('data', collect);
              clearTimeout(timer);
              resolveReport(parseRequestTimes(report));
            };
            child.stdout.on('data', collect);
          });
          child.kill('SIGUSR2');
          return reported;
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '../../../..');
const CLI = join(REPO_ROOT, 'libs/broker/src/cli/main.ts');
const LISTENING = /^broker listening on ([^\s:]+):(\d+)$/m;

export interface BrokerProcess {
  child: ChildProcess;
  host: string;
  port: number;
  brokers: string;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** The CLI as `npm run broker` starts it (the broker's own variables come from `env` only). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('BROKER_')),
  );
  return spawn(process.execPath, ['-r', '@swc-node/register', CLI, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, NODE_OPTIONS: '', ...env },
  });
}

/**
 * Runs the broker CLI exactly as `npm run broker` does, in its own process, and resolves once it
 * printed its listening line.
 */
export function spawnBroker(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  startTimeoutMs = 20_000,
): Promise<BrokerProcess> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the broker did not start in time:\n${stderr}`));
    }, startTimeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = LISTENING.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const host = match[1] as string;
      const port = Number(match[2]);
      resolve({
        child,
        host,
        port,
        brokers: `${host}:${port}`,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the broker exited (${code}) before listening:\n${stderr}`));
    });
  });
}

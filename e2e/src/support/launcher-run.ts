import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LOCAL_ISSUER_DIR, type Role, TokenSigner } from '@fanout/auth';
import { isPortFree } from '@fanout/node-process';
import { eventually } from '@fanout/testing';

const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `npm start`'s launcher as a child of the test, its output kept line by line. */
export class LauncherRun {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly child: ChildProcess;

  constructor(
    portOffset: number,
    dataDir: string,
    logLevel: 'info' | 'warn' = 'info',
    /** More launcher options, e.g. --kafka apache. */
    args: readonly string[] = [],
  ) {
    // Jest's NODE_OPTIONS is not for the launcher; an outer Kafka or database would be used.
    const {
      NODE_OPTIONS: _jest,
      KAFKA_BROKERS: _kafka,
      DATABASE_URL: _database,
      ...env
    } = process.env;
    this.child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'tools/launcher/src/main.ts',
        '--port-offset',
        `${portOffset}`,
        ...args,
      ],
      {
        cwd: REPO_ROOT,
        env: { ...env, DATA_DIR: dataDir, NO_COLOR: '1', LOG_LEVEL: logLevel },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
    }
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the launcher did not start');
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Waits for an output line, giving up if the launcher exits first. */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    try {
      return await eventually(async () => this.lines.find((line) => pattern.test(line)), {
        timeoutMs,
        intervalMs: 200,
        description: `launcher output ${pattern}`,
        giveUpIf: () => (this.running ? undefined : 'the launcher exited'),
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- launcher output ---\n${this.tail()}`);
    }
  }

  tail(count = 40): string {
    return this.lines.slice(-count).join('\n');
  }
}

/**
 * Authorization headers signed with the key the launcher made in its data directory, as
 * `npm run token` signs them.
 */
export async function launcherTokenHeaders(
  dataDir: string,
  subject: string,
  roles: Role[],
): Promise<Record<string, string>> {
  const signer = await TokenSigner.fromFile(
    path.join(dataDir, LOCAL_ISSUER_DIR, 'signing-key.pem'),
  );
  return { authorization: `Bearer ${await signer.sign({ subject, roles })}` };
}

/** Every process's pid (Linux /proc). */
export function allPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** The processes whose parent is `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  return allPids().filter((candidate) => parentOf(candidate) === pid);
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ...": the fields after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * A --port-offset under which all of `ports` (the launcher's, without an offset) are free now:
 * offsets 20000-22999, so services at 2x000 and the broker at 2x092 up to 32091, below the
 * ephemeral range that outgoing connections take their ports from.
 */
export async function freePortOffset(ports: readonly number[]): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const offset = 20_000 + Math.floor(Math.random() * 3_000);
    const free = await Promise.all(ports.map((port) => isPortFree(port + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error('no free port offset found');
}

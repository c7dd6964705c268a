import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface NodeProcessOptions {
  /** What stop() sends first: SIGTERM as an orchestrator does, SIGINT as Ctrl-C does. */
  stopSignal?: NodeJS.Signals;
  /** How long stop() waits before SIGKILL. */
  stopGraceMs?: number;
}

/**
 * A TypeScript entry point of this repository run as its own Node process
 * (`node -r @swc-node/register <script>`, from the repository root), appending its output to a
 * log file; it can be stopped politely, killed outright and started again. The end-to-end tests
 * and the demos use it for brokers, services and the launcher.
 */
export class NodeProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly stopSignal: NodeJS.Signals;
  private readonly stopGraceMs: number;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly args: readonly string[],
    private readonly env: Record<string, string>,
    readonly logFile: string,
    options: NodeProcessOptions = {},
  ) {
    this.stopSignal = options.stopSignal ?? 'SIGTERM';
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    // NODE_OPTIONS may carry Jest's --experimental-vm-modules, which the child does not want.
    const { NODE_OPTIONS: _parentOnly, ...inherited } = process.env;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', this.script, ...this.args], {
      cwd: REPO_ROOT,
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.exited = new Promise((resolve) =>
      // 'close', not 'exit': the child's last output has reached the log by then.
      child.once('close', () => {
        log.end();
        resolve();
      }),
    );
    this.child = child;
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut off. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** The stop signal, then SIGKILL if the process has not exited in time. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child?.kill(this.stopSignal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), this.stopGraceMs);
    await this.exited;
    clearTimeout(timer);
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

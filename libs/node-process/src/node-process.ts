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

export interface CommandOptions extends NodeProcessOptions {
  /** Where it runs; the repository root by default. */
  cwd?: string;
  /**
   * Only the variables given, nothing of this process's environment: a container inherits
   * nothing from the shell that started it.
   */
  isolatedEnv?: boolean;
}

/**
 * A child process of a test or a tool, appending its output to a log file; it can be stopped
 * politely, killed outright and started again. By default a TypeScript entry point of this
 * repository (`node -r @swc-node/register <script>`, from the repository root, with this
 * process's environment under `env`); `NodeProcess.command` runs any other command. The
 * end-to-end tests and the demos use it for brokers, services, the launcher and the stand-ins of
 * compose's containers.
 */
export class NodeProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly stopSignal: NodeJS.Signals;
  private readonly stopGraceMs: number;
  private argv: readonly string[];
  private cwd = REPO_ROOT;
  private isolatedEnv = false;

  constructor(
    readonly name: string,
    script: string,
    args: readonly string[],
    private readonly env: Record<string, string>,
    readonly logFile: string,
    options: NodeProcessOptions = {},
  ) {
    this.argv = [process.execPath, '-r', '@swc-node/register', script, ...args];
    this.stopSignal = options.stopSignal ?? 'SIGTERM';
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
  }

  /** `argv` (the program, then its arguments) as a NodeProcess. */
  static command(
    name: string,
    argv: readonly string[],
    env: Record<string, string>,
    logFile: string,
    options: CommandOptions = {},
  ): NodeProcess {
    if (argv.length === 0) throw new Error(`${name}: no command`);
    const command = new NodeProcess(name, '', [], env, logFile, options);
    command.argv = argv;
    command.cwd = options.cwd ?? REPO_ROOT;
    command.isolatedEnv = options.isolatedEnv ?? false;
    return command;
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
    const [file = '', ...args] = this.argv;
    const child = spawn(file, args, {
      cwd: this.cwd,
      env: { ...(this.isolatedEnv ? {} : inherited), ...this.env },
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

import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

const STOP_GRACE_MS = 30_000; // docker-compose.yml's stop_grace_period

/**
 * One service container as a local process: the argv and environment given, nothing inherited
 * from this process (as a container inherits nothing from the shell), output to a log file.
 * stop() is `docker compose stop`: SIGTERM, then SIGKILL after the grace period.
 */
export class ComposeContainer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly argv: readonly string[],
    readonly env: Readonly<Record<string, string>>,
    private readonly cwd: string,
    readonly logFile: string,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const [file, ...args] = this.argv;
    if (!file) throw new Error(`${this.name}: no command`);
    const child = spawn(file, args, {
      cwd: this.cwd,
      env: { ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.exited = new Promise((resolve) =>
      child.once('close', () => {
        log.end();
        resolve();
      }),
    );
    this.child = child;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return this.exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
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

import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const STOP_GRACE_MS = 20_000;

/**
 * The payments service, run the way `npm start` runs it (the launcher with `--services payments`,
 * same port, same data directory or --postgres database), pointed at the running broker; its
 * log goes to a file so that the demo's narration stays readable.
 */
export class PaymentsLauncher {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly kafkaBrokers: string,
    private readonly launcherArgs: readonly string[],
    readonly logFile: string,
  ) {}

  start(): void {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'tools/launcher/src/main.ts',
        '--services',
        'payments',
        ...this.launcherArgs,
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, KAFKA_BROKERS: this.kafkaBrokers, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        log.end();
        resolve();
      }),
    );
    this.child = child;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Ctrl-C, as a person would: the launcher stops payments gracefully. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGINT');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

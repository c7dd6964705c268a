import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * Opens an IPC channel to the child, which the kernel closes when this process ends, however it
   * ends: the child's parent watch (parent-watch.ts) stops the child then.
   */
  ipc?: boolean;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

type LineListener = (line: string) => void;

/** A child process whose output is read line by line and whose exit can be awaited. */
export class SupervisedProcess {
  readonly exited: Promise<ProcessExit>;
  private readonly lineListeners = new Set<LineListener>();
  private exit: ProcessExit | undefined;
  stopping = false;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        for (const listener of this.lineListeners) listener(line);
      });
    }
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      child.once('error', () => {
        this.exit = { code: null, signal: null };
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  onLine(listener: LineListener): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.running) return;
    if (signal === 'SIGKILL' && this.child.pid !== undefined) {
      // The child leads its own process group (ProcessSpec, detached): a kill takes whatever it
      // started with it, such as the PostgreSQL server that postgres-main.ts owns.
      try {
        process.kill(-this.child.pid, signal);
        return;
      } catch {
        // No such group (not on this platform): the child alone.
      }
    }
    this.child.kill(signal);
  }

  /** A message over the IPC channel (ProcessSpec.ipc); dropped if the child has gone. */
  send(message: object): void {
    if (this.running && this.child.connected) this.child.send(message, () => undefined);
  }
}

/**
 * Starts child processes and stops them in order: SIGTERM first so that each one finishes the work
 * in hand, SIGKILL for whatever has not exited when the grace period ends.
 */
export class ProcessSupervisor {
  private readonly processes: SupervisedProcess[] = [];

  start(spec: ProcessSpec): SupervisedProcess {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: spec.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
      // Own process group: a Ctrl-C in the terminal reaches only the launcher, which then stops the
      // services before the broker they are still committing to.
      detached: true,
    });
    const supervised = new SupervisedProcess(spec.name, child);
    this.processes.push(supervised);
    return supervised;
  }

  get all(): readonly SupervisedProcess[] {
    return this.processes;
  }

  async stop(processes: readonly SupervisedProcess[], graceMs: number): Promise<void> {
    const running = processes.filter((child) => child.running);
    for (const child of running) {
      child.stopping = true;
      child.signal('SIGTERM');
    }
    const allExited = Promise.all(running.map((child) => child.exited));
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => {
      timer = setTimeout(() => resolve('grace-over'), graceMs);
    });
    const outcome = await Promise.race([allExited, graceOver]);
    clearTimeout(timer);
    if (outcome === 'grace-over') {
      for (const child of running) child.signal('SIGKILL');
      await allExited;
    }
  }

  /** Last resort when the launcher itself is exiting: nothing may outlive it. */
  killAll(): void {
    for (const child of this.processes) child.signal('SIGKILL');
  }
}

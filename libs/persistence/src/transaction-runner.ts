import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';

/** The unit of work handed to code that changes state. */
export interface Transaction {
  readonly manager: EntityManager;
  /**
   * Runs inside the transaction once the work is done, just before the commit, in the order
   * registered: lets a writer collect rows across a unit of work and write them in one statement.
   */
  beforeCommit(callback: () => Promise<void>): void;
  /** Runs after a successful commit (never after a rollback), e.g. to wake the outbox relay. */
  afterCommit(callback: () => void): void;
}

/** Told about every transaction, for metrics: seconds until it began, and seconds it ran. */
export type TransactionObserver = (waitSeconds: number, runSeconds: number) => void;

/**
 * Runs units of work in database transactions.
 *
 * PGlite is a single session: two transactions started concurrently would interleave on it and
 * row locks would not block, so with PGlite they run one at a time. PostgreSQL runs them
 * concurrently and relies on its own locking.
 */
export class TransactionRunner {
  private readonly serial: Mutex | null;
  private observer: TransactionObserver | null = null;

  constructor(
    private readonly dataSource: DataSource,
    options: { serialize: boolean },
  ) {
    this.serial = options.serialize ? new Mutex() : null;
  }

  observe(observer: TransactionObserver): void {
    this.observer = observer;
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const afterCommit: (() => void)[] = [];
    const requestedAt = performance.now();
    let begunAt = requestedAt;
    const execute = () =>
      this.dataSource.transaction(async (manager) => {
        // A connection from the pool (or the PGlite mutex) and BEGIN: the wait before the work.
        begunAt = performance.now();
        const beforeCommit: (() => Promise<void>)[] = [];
        const result = await work({
          manager,
          beforeCommit: (callback) => beforeCommit.push(callback),
          afterCommit: (callback) => afterCommit.push(callback),
        });
        // A callback may register another (a flush that writes more): run until none is left.
        for (let i = 0; i < beforeCommit.length; i++) {
          await beforeCommit[i]();
        }
        return result;
      });
    const result = this.serial ? await this.serial.runExclusive(execute) : await execute();
    this.observer?.((begunAt - requestedAt) / 1000, (performance.now() - begunAt) / 1000);
    for (const callback of afterCommit) {
      callback();
    }
    return result;
  }
}

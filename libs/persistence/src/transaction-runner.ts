import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';

/** The unit of work handed to code that changes state. */
export interface Transaction {
  readonly manager: EntityManager;
  /** Runs after a successful commit (never after a rollback), e.g. to wake the outbox relay. */
  afterCommit(callback: () => void): void;
}

/**
 * Runs units of work in database transactions.
 *
 * PGlite is a single session: two transactions started concurrently would interleave on it and
 * row locks would not block, so with PGlite they run one at a time. PostgreSQL runs them
 * concurrently and relies on its own locking.
 */
export class TransactionRunner {
  private readonly serial: Mutex | null;

  constructor(
    private readonly dataSource: DataSource,
    options: { serialize: boolean },
  ) {
    this.serial = options.serialize ? new Mutex() : null;
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const callbacks: (() => void)[] = [];
    const execute = () =>
      this.dataSource.transaction((manager) =>
        work({ manager, afterCommit: (callback) => callbacks.push(callback) }),
      );
    const result = this.serial ? await this.serial.runExclusive(execute) : await execute();
    for (const callback of callbacks) {
      callback();
    }
    return result;
  }
}

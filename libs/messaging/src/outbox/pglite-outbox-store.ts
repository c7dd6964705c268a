import type { TransactionRunner } from '@fanout/persistence';
import * as queries from './outbox-queries';
import type { OutboxStore, PendingRow, Placement } from './outbox-store';

/**
 * The outbox on PGlite: one process owns the database, so it is always the one that publishes. Its
 * transactions are serialised, so each step is a short transaction of its own and the Kafka send
 * happens between them, not inside one.
 */
export class PgliteOutboxStore implements OutboxStore {
  private readonly query: queries.RunQuery = (text, parameters) =>
    this.transactions.run((tx) => tx.manager.query(text, parameters));

  constructor(private readonly transactions: TransactionRunner) {}

  lead(): Promise<boolean> {
    return Promise.resolve(true);
  }

  pending(limit: number): Promise<PendingRow[]> {
    return queries.selectPending(this.query, limit);
  }

  markPublished(rows: PendingRow[], placed: Placement[]): Promise<void> {
    return queries.markPublished(this.query, rows, placed);
  }

  async recordFailure(rows: PendingRow[], error: unknown): Promise<void> {
    await queries.recordFailure(this.query, rows, error).catch(() => undefined);
  }

  onChange(): void {
    // No other instance shares a PGlite database.
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

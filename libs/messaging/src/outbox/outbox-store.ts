import type { OutboxMessage } from './outbox-message.entity';

/** What the relay reads of an outbox row to publish it. */
export type PendingRow = Pick<
  OutboxMessage,
  'id' | 'eventType' | 'topic' | 'messageKey' | 'value' | 'headers'
>;

/** Where a published row landed. */
export interface Placement {
  partition: number;
  offset: string;
}

/**
 * The outbox table as the relay sees it. Exactly one instance of a service publishes its outbox at
 * a time (`lead`), so rows go out once and in id order even when several instances share the
 * database: two publishers could interleave an order's events.
 */
export interface OutboxStore {
  /** Becomes (or stays) the instance that publishes; false while another instance does. */
  lead(): Promise<boolean>;
  /** The oldest unpublished rows, in id order. */
  pending(limit: number): Promise<PendingRow[]>;
  markPublished(rows: PendingRow[], placed: Placement[]): Promise<void>;
  /** Best effort: the attempt count and last error make a stuck outbox visible in the table. */
  recordFailure(rows: PendingRow[], error: unknown): Promise<void>;
  /**
   * Calls back when the relay should look at the table again although this process committed
   * nothing: another instance committed rows, or leadership changed hands.
   */
  onChange(listener: () => void): void;
  /** Gives up leadership (if held) and frees what the store holds. */
  close(): Promise<void>;
}

import type { EventOfType, EventType } from '@fanout/contracts';
import type { Transaction } from '@fanout/persistence';

/** Where a message came from. */
export interface Delivery {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /**
   * The keys of all the messages handled in the same transaction as this one (its own included):
   * a handler may load every row the batch needs in one query instead of one query per event.
   */
  batchKeys: readonly (string | null)[];
}

/**
 * Handles one event inside the transaction that also records it as processed: write effects (and
 * outbox events) through `tx.manager`, and they happen exactly once per event.
 */
export type EventHandler<TType extends EventType> = (
  event: EventOfType<TType>,
  tx: Transaction,
  delivery: Delivery,
) => Promise<void>;

/** The event types a subscriber handles; any other type on the topic is skipped. */
export type EventHandlers = { [TType in EventType]?: EventHandler<TType> };

/**
 * Thrown by a handler for an event that can never be processed (it refers to something that does
 * not exist, it breaks a business rule...): the event goes straight to the dead-letter topic
 * instead of being retried.
 */
export class PoisonEventError extends Error {
  override readonly name = 'PoisonEventError';
}

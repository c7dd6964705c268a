import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@fanout/persistence';

/** One event a service produced or consumed, and where it sits in Kafka. */
export interface EventHistoryEntry {
  direction: 'produced' | 'consumed';
  eventId: string;
  type: string;
  occurredAt: string;
  topic: string;
  /** Null while a produced event is still waiting in the outbox. */
  partition: number | null;
  offset: string | null;
}

interface HistoryRow {
  direction: 'produced' | 'consumed';
  event_id: string;
  event_type: string;
  occurred_at: Date | string;
  topic: string;
  partition: number | null;
  offset: string | number | null;
}

/**
 * Everything this service produced (outbox) and consumed (inbox) about one message key (an order
 * id), oldest first: the audit trail comes for free from the two tables delivery needs anyway.
 */
@Injectable()
export class EventHistory {
  constructor(private readonly transactions: TransactionRunner) {}

  async forKey(key: string): Promise<EventHistoryEntry[]> {
    const rows: HistoryRow[] = await this.transactions.run((tx) =>
      tx.manager.query(
        `SELECT 'produced' AS direction, event_id, event_type, occurred_at, topic, partition, "offset"
           FROM outbox_messages WHERE message_key = $1
         UNION ALL
         SELECT 'consumed' AS direction, event_id, event_type, occurred_at, topic, partition, "offset"
           FROM processed_events WHERE message_key = $1
         ORDER BY occurred_at, direction DESC`,
        [key],
      ),
    );
    return rows.map((row) => ({
      direction: row.direction,
      eventId: row.event_id,
      type: row.event_type,
      occurredAt: new Date(row.occurred_at).toISOString(),
      topic: row.topic,
      partition: row.partition,
      offset: row.offset === null ? null : String(row.offset),
    }));
  }
}

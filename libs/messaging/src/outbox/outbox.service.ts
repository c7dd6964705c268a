import { Injectable } from '@nestjs/common';
import {
  encodeEvent,
  EventContractError,
  eventHeaders,
  type FanoutEvent,
  findEventDefinition,
} from '@fanout/contracts';
import type { Transaction } from '@fanout/persistence';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay.service';

/**
 * Producing an event = writing it to the outbox inside the caller's transaction. It is published
 * after the commit, and only if the commit happens: no event without its state change, and no state
 * change without its event.
 *
 * The rows of one transaction are written together just before it commits, in one INSERT: a batch
 * of consumed events that produces a hundred events costs one round trip, not a hundred.
 */
@Injectable()
export class Outbox {
  private readonly pending = new WeakMap<Transaction, OutboxRow[]>();

  constructor(private readonly relay: OutboxRelay) {}

  /** Validates the events now (a broken event fails the caller's work, not the commit). */
  async add(tx: Transaction, ...events: FanoutEvent[]): Promise<void> {
    const rows = events.map((event) => this.toRow(event));
    const queued = this.pending.get(tx);
    if (queued) {
      queued.push(...rows);
      return;
    }
    this.pending.set(tx, rows);
    tx.beforeCommit(async () => {
      const all = this.pending.get(tx) ?? [];
      this.pending.delete(tx);
      if (all.length > 0) await insertOutboxRows(tx, all, this.relay.commitNotice());
    });
    tx.afterCommit(() => this.relay.wake());
  }

  private toRow(event: FanoutEvent): OutboxRow {
    const definition = findEventDefinition(event.type, event.version);
    if (!definition) {
      throw new EventContractError(`no contract for ${event.type} v${event.version}`);
    }
    const payload = definition.payload.safeParse(event.payload);
    if (!payload.success) {
      throw new EventContractError(`${event.type} payload is invalid: ${payload.error.message}`);
    }
    return {
      eventId: event.eventId,
      eventType: event.type,
      topic: definition.topic,
      messageKey: definition.keyOf(payload.data),
      value: encodeEvent(event),
      headers: eventHeaders(event),
      occurredAt: event.occurredAt,
    };
  }
}

type OutboxRow = Pick<
  OutboxMessage,
  'eventId' | 'eventType' | 'topic' | 'messageKey' | 'value' | 'headers'
> & { occurredAt: string };

/**
 * All the rows in one statement, one array parameter per column; in the order they were added,
 * since the id they get is the order they are published in. With a notice, the same statement
 * queues a NOTIFY that PostgreSQL delivers to the publishing instance if and when the
 * transaction commits.
 */
async function insertOutboxRows(
  tx: Transaction,
  rows: OutboxRow[],
  notice: { channel: string; payload: string } | null,
): Promise<void> {
  const column = <T>(pick: (row: OutboxRow) => T) => rows.map(pick);
  const insert = `INSERT INTO outbox_messages
       (event_id, event_type, topic, message_key, value, headers, occurred_at)
     SELECT e, t, tp, k, v, h, o
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                   $7::timestamptz[]) WITH ORDINALITY AS r(e, t, tp, k, v, h, o, n)
      ORDER BY n`;
  await tx.manager.query(
    notice
      ? `WITH inserted AS (${insert} RETURNING 1) SELECT pg_notify($8, $9) FROM (SELECT count(*) FROM inserted) AS c`
      : insert,
    [
      column((row) => row.eventId),
      column((row) => row.eventType),
      column((row) => row.topic),
      column((row) => row.messageKey),
      column((row) => row.value),
      column((row) => JSON.stringify(row.headers)),
      column((row) => row.occurredAt),
      ...(notice ? [notice.channel, notice.payload] : []),
    ],
  );
}

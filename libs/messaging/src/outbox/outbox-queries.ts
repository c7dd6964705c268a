import type { PendingRow, Placement } from './outbox-store';

/** Runs one SQL statement and returns its rows: a pg client, or a transaction's manager. */
export type RunQuery = (text: string, parameters: unknown[]) => Promise<unknown[]>;

/** The oldest unpublished rows, in id order (the publication order). */
export async function selectPending(query: RunQuery, limit: number): Promise<PendingRow[]> {
  const rows = (await query(
    `SELECT id, event_type AS "eventType", topic, message_key AS "messageKey", value, headers
       FROM outbox_messages WHERE published_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  )) as (Omit<PendingRow, 'id'> & { id: string | number })[];
  // pg returns bigint as a string, PGlite as a number.
  return rows.map((row) => ({ ...row, id: String(row.id) }));
}

export async function markPublished(
  query: RunQuery,
  rows: PendingRow[],
  placed: Placement[],
): Promise<void> {
  await query(
    `UPDATE outbox_messages AS o
        SET published_at = now(), partition = v.partition, "offset" = v.offset,
            attempts = o.attempts + 1, last_error = NULL
       FROM unnest($1::bigint[], $2::int[], $3::bigint[]) AS v(id, partition, "offset")
      WHERE o.id = v.id`,
    [rows.map((row) => row.id), placed.map((p) => p.partition), placed.map((p) => p.offset)],
  );
}

export async function recordFailure(
  query: RunQuery,
  rows: PendingRow[],
  error: unknown,
): Promise<void> {
  await query(
    `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2
      WHERE id = ANY($1::bigint[])`,
    [rows.map((row) => row.id), error instanceof Error ? error.message : String(error)],
  );
}

import { z } from 'zod';

/**
 * One line of the committed-offsets log (JSON Lines): one OffsetCommit request's offsets, written
 * as a unit so a crash keeps all or none of them; the removal of a deleted topic; or the removal of
 * a deleted group (a tombstone: replay drops the group's earlier commits, compaction drops it).
 */
const committedOffset = z.object({
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  offset: z.number().int(),
  metadata: z.string(),
});

const offsetLogRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('commit'), group: z.string(), offsets: z.array(committedOffset) }),
  z.object({ type: z.literal('delete-topic'), topic: z.string() }),
  z.object({ type: z.literal('delete-group'), group: z.string() }),
]);

export type CommittedOffsetRecord = z.infer<typeof committedOffset>;
export type OffsetLogRecord = z.infer<typeof offsetLogRecord>;

export function encodeOffsetLogRecord(record: OffsetLogRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** Undefined when the line is not a complete, well-formed record. */
export function decodeOffsetLogRecord(line: string): OffsetLogRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = offsetLogRecord.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Splits a log file into records. A torn last line (a crash during its write) is dropped; damage
 * anywhere else means the file was corrupted after it was written, and is an error.
 */
export function decodeOffsetLog(content: string, file: string): OffsetLogRecord[] {
  const lines = content.split('\n');
  const records: OffsetLogRecord[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === '') {
      continue;
    }
    const record = decodeOffsetLogRecord(line);
    if (record) {
      records.push(record);
    } else if (index < lines.length - 1) {
      throw new Error(`${file}: line ${index + 1} is not a valid offset commit record`);
    }
  }
  return records;
}

import { Writer } from '../../protocol/primitives';
import { crc32c } from '../crc32c';
import { NO_PRODUCER_ID } from '../record-batch';

/** Test helper: encodes valid, uncompressed magic-2 record batches as a client would send them. */

export interface TestRecord {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: Record<string, Buffer | string>;
  /** Added to the batch's baseTimestamp. */
  timestampDelta?: number;
}

export interface TestBatch {
  records: TestRecord[];
  baseOffset?: number;
  baseTimestamp?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  transactional?: boolean;
}

const toBytes = (value: Buffer | string): Buffer =>
  typeof value === 'string' ? Buffer.from(value) : value;

function encodeRecord(record: TestRecord, offsetDelta: number): Buffer {
  const body = new Writer(64)
    .int8(0)
    .varlong(record.timestampDelta ?? 0)
    .varint(offsetDelta);
  writeVarintBytes(body, record.key);
  writeVarintBytes(body, record.value);
  const headers = Object.entries(record.headers ?? {});
  body.varint(headers.length);
  for (const [key, value] of headers) {
    writeVarintBytes(body, key);
    writeVarintBytes(body, value);
  }
  const encoded = body.toBuffer();
  return new Writer(encoded.length + 5).varint(encoded.length).raw(encoded).toBuffer();
}

function writeVarintBytes(writer: Writer, value: Buffer | string | null | undefined): void {
  if (value === null || value === undefined) {
    writer.varint(-1);
    return;
  }
  const bytes = toBytes(value);
  writer.varint(bytes.length).raw(bytes);
}

/** One batch; records must not be empty. */
export function buildBatch(batch: TestBatch): Buffer {
  if (batch.records.length === 0) throw new Error('a record batch needs at least one record');
  const baseTimestamp = batch.baseTimestamp ?? Date.now();
  const maxTimestamp = baseTimestamp + Math.max(...batch.records.map((r) => r.timestampDelta ?? 0));
  const records = batch.records.map(encodeRecord);
  const writer = new Writer(61 + records.reduce((n, r) => n + r.length, 0))
    .int64(batch.baseOffset ?? 0)
    .int32(0) // batchLength, patched below
    .int32(-1) // partitionLeaderEpoch
    .int8(2)
    .uint32(0) // crc, patched below
    .int16(batch.transactional ? 0x10 : 0)
    .int32(records.length - 1)
    .int64(baseTimestamp)
    .int64(maxTimestamp)
    .int64(batch.producerId ?? NO_PRODUCER_ID)
    .int16(batch.producerEpoch ?? -1)
    .int32(batch.baseSequence ?? -1)
    .int32(records.length);
  for (const record of records) writer.raw(record);
  const bytes = writer.toBuffer();
  bytes.writeInt32BE(bytes.length - 12, 8);
  bytes.writeUInt32BE(crc32c(bytes.subarray(21)), 17);
  return bytes;
}

/** A batch of `count` records with values `${prefix}-0`, `${prefix}-1`, ... */
export function buildValuesBatch(
  prefix: string,
  count: number,
  batch: Partial<TestBatch> = {},
): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ value: `${prefix}-${i}` }));
  return buildBatch({ ...batch, records });
}

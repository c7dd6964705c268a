import { crc32c } from './crc32c';

/**
 * Record batch (magic 2) header, read without touching the records:
 *
 *   baseOffset: int64                <- rewritten by the broker; outside the CRC
 *   batchLength: int32               (bytes after this field)
 *   partitionLeaderEpoch: int32      <- outside the CRC
 *   magic: int8 (2)
 *   crc: uint32                      CRC-32C of everything from attributes to the end
 *   attributes: int16                bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control
 *   lastOffsetDelta: int32
 *   baseTimestamp: int64
 *   maxTimestamp: int64
 *   producerId: int64
 *   producerEpoch: int16
 *   baseSequence: int32
 *   recordCount: int32
 *   records...
 */
export const BATCH_OVERHEAD = 12; // baseOffset + batchLength
export const BATCH_HEADER_SIZE = 61;
const BATCH_LENGTH_AT = 8;
const MAGIC_AT = 16;
const CRC_AT = 17;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const RECORD_COUNT_AT = 57;

/** The whole size of the batch at `at`, header included, as its length field claims. */
export function batchSizeAt(buf: Buffer, at: number): number {
  return buf.readInt32BE(at + BATCH_LENGTH_AT) + BATCH_OVERHEAD;
}

/** The offset of the last record of the batch at `at` (its base offset plus lastOffsetDelta). */
export function lastOffsetAt(buf: Buffer, at: number): number {
  return Number(buf.readBigInt64BE(at)) + buf.readInt32BE(at + LAST_OFFSET_DELTA_AT);
}

export interface BatchHeader {
  baseOffset: number;
  /** Size of the whole batch on the wire, header included. */
  size: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export type BatchProblem =
  'truncated' | 'bad-length' | 'unsupported-magic' | 'crc-mismatch' | 'bad-record-count';

export class InvalidBatchError extends Error {
  override readonly name = 'InvalidBatchError';
  constructor(
    readonly problem: BatchProblem,
    readonly position: number,
  ) {
    super(`invalid record batch at byte ${position}: ${problem}`);
  }
}

/** Reads the header of the batch at `at`, or says why there is no valid batch there. */
export function readBatchHeader(buf: Buffer, at = 0): BatchHeader | BatchProblem {
  if (buf.length - at < BATCH_HEADER_SIZE) return 'truncated';
  const batchLength = buf.readInt32BE(at + BATCH_LENGTH_AT);
  if (batchLength < BATCH_HEADER_SIZE - BATCH_OVERHEAD) return 'bad-length';
  const size = batchLength + BATCH_OVERHEAD;
  if (buf.length - at < size) return 'truncated';
  const magic = buf.readInt8(at + MAGIC_AT);
  if (magic !== 2) return 'unsupported-magic';
  const lastOffsetDelta = buf.readInt32BE(at + LAST_OFFSET_DELTA_AT);
  const recordCount = buf.readInt32BE(at + RECORD_COUNT_AT);
  if (lastOffsetDelta < 0 || recordCount < 0 || recordCount > lastOffsetDelta + 1) {
    return 'bad-record-count';
  }
  return {
    baseOffset: Number(buf.readBigInt64BE(at)),
    size,
    magic,
    crc: buf.readUInt32BE(at + CRC_AT),
    attributes: buf.readInt16BE(at + ATTRIBUTES_AT),
    lastOffsetDelta,
    baseTimestamp: Number(buf.readBigInt64BE(at + 27)),
    maxTimestamp: Number(buf.readBigInt64BE(at + 35)),
    producerId: Number(buf.readBigInt64BE(at + 43)),
    producerEpoch: buf.readInt16BE(at + 51),
    baseSequence: buf.readInt32BE(at + 53),
    recordCount,
  };
}

/** True when the stored CRC-32C matches the bytes from attributes to the end of the batch. */
function hasValidCrc(buf: Buffer, at: number, header: BatchHeader): boolean {
  return crc32c(buf.subarray(at + ATTRIBUTES_AT, at + header.size)) === header.crc;
}

/** Reads and checks (length, magic, CRC) the batch at `at`; the problem otherwise. */
export function readValidBatch(buf: Buffer, at = 0): BatchHeader | BatchProblem {
  const header = readBatchHeader(buf, at);
  if (typeof header === 'string') return header;
  return hasValidCrc(buf, at, header) ? header : 'crc-mismatch';
}

/**
 * Splits a run of batches as a client sent them, checking each one. Throws InvalidBatchError
 * at the first invalid batch: a produce request is taken whole or refused whole.
 */
export function splitBatches(buf: Buffer): BatchHeader[] {
  const batches: BatchHeader[] = [];
  let at = 0;
  while (at < buf.length) {
    const header = readValidBatch(buf, at);
    if (typeof header === 'string') throw new InvalidBatchError(header, at);
    batches.push(header);
    at += header.size;
  }
  return batches;
}

/** baseOffset sits outside the CRC, so assigning offsets never invalidates a batch. */
export function setBaseOffset(buf: Buffer, at: number, baseOffset: number): void {
  buf.writeBigInt64BE(BigInt(baseOffset), at);
}

export const NO_PRODUCER_ID = -1;

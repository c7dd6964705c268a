import {
  BATCH_OVERHEAD,
  BatchHeader,
  batchSizeAt,
  BatchProblem,
  readBatchHeader,
  readValidBatch,
} from '../record';
import { readAt } from './file-io';

const CHUNK_BYTES = 1 << 20;

export interface ScanOutcome {
  /** File position just after the last good batch. */
  end: number;
  /** Why the scan stopped before `to`, if it did. */
  problem?: BatchProblem;
}

/**
 * Walks the batches stored in [from, to) of a segment file, reading it in large chunks. With
 * `verifyCrc` every batch is fully checked (recovery of a tail that may be torn); otherwise the
 * framing alone is trusted (closed segments). The visitor may return false to stop early.
 */
export async function scanBatches(
  fd: number,
  from: number,
  to: number,
  verifyCrc: boolean,
  visit: (header: BatchHeader, position: number) => boolean | void,
): Promise<ScanOutcome> {
  const check = verifyCrc ? readValidBatch : readBatchHeader;
  let position = from;
  let readSize = CHUNK_BYTES;
  while (position < to) {
    const requested = Math.min(readSize, to - position);
    const chunk = await readAt(fd, requested, position);
    const fileEnded = chunk.length < requested;
    readSize = CHUNK_BYTES;
    let at = 0;
    while (position + at < to) {
      const header = check(chunk, at);
      if (typeof header !== 'string') {
        if (visit(header, position + at) === false) return { end: position + at + header.size };
        at += header.size;
        continue;
      }
      if (header !== 'truncated' || fileEnded || requested === to - position) {
        return { end: position + at, problem: header };
      }
      // Only the chunk cut this batch: read again from its start, big enough to hold it.
      readSize = Math.max(CHUNK_BYTES, claimedSize(chunk, at));
      break;
    }
    position += at;
  }
  return { end: to };
}

/** Size the batch at `at` claims to have (0 when even its length field is cut off). */
function claimedSize(chunk: Buffer, at: number): number {
  if (chunk.length - at < BATCH_OVERHEAD) return 0;
  return batchSizeAt(chunk, at);
}

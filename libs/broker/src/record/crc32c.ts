import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC-32C (Castagnoli), the checksum of record batches (magic 2). */
export function crc32c(data: Buffer): number {
  return nativeCrc32c(data) >>> 0;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

/**
 * The few raw file-descriptor operations the log needs. Raw fds (not FileHandle) keep the hot
 * path to one libuv request per write or read.
 */

const writevAsync = promisify(fs.writev);
const readAsync = promisify(fs.read);

export const openFile = promisify(fs.open);
export const closeFile = promisify(fs.close);
export const truncateFile = promisify(fs.ftruncate);
export const fstat = promisify(fs.fstat);
export const fdatasync = promisify(fs.fdatasync);
export const fsyncFile = promisify(fs.fsync);

/**
 * Up to this many bytes are written on the calling thread: a small write into the page cache takes
 * microseconds, less than handing it to the libuv thread pool and waking the event loop back up
 * (two thread switches per produce request when messages are small and latency matters).
 */
const INLINE_WRITE_BYTES = 64 * 1024;

/** Writes every byte of `buffers` at `position`, continuing after short writes. */
export async function writeAllAt(fd: number, buffers: Buffer[], position: number): Promise<void> {
  let pending = buffers;
  let at = position;
  let bytes = 0;
  for (const buffer of buffers) bytes += buffer.length;
  for (;;) {
    const bytesWritten =
      bytes <= INLINE_WRITE_BYTES
        ? fs.writevSync(fd, pending, at)
        : (await writevAsync(fd, pending, at)).bytesWritten;
    at += bytesWritten;
    pending = dropWritten(pending, bytesWritten);
    if (pending.length === 0) return;
    if (bytesWritten === 0) throw new Error(`write made no progress at byte ${at}`);
  }
}

function dropWritten(buffers: Buffer[], written: number): Buffer[] {
  let left = written;
  let i = 0;
  while (i < buffers.length && left >= buffers[i].length) left -= buffers[i++].length;
  const rest = buffers.slice(i);
  if (rest.length > 0 && left > 0) rest[0] = rest[0].subarray(left);
  return rest;
}

/** Reads up to `length` bytes at `position`; shorter only at end of file. */
export async function readAt(fd: number, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await readAsync(fd, buf, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buf : buf.subarray(0, filled);
}

/** Makes directory entries (creates, renames, unlinks) inside `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const fd = await openFile(dir, 'r');
  try {
    await fsyncFile(fd);
  } finally {
    await closeFile(fd);
  }
}

/** Replaces `file` with `data` so that a crash leaves either the old or the new content. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.tmp`;
  const fd = await openFile(temp, 'w');
  try {
    await writeAllAt(fd, [typeof data === 'string' ? Buffer.from(data) : data], 0);
    await fsyncFile(fd);
  } finally {
    await closeFile(fd);
  }
  await fs.promises.rename(temp, file);
  await syncDirectory(path.dirname(file));
}

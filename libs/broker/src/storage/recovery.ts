import { mkdir, readdir, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { scanBatches } from './batch-scanner';
import { closeFile, fdatasync, fstat, openFile, truncateFile } from './file-io';
import { OffsetIndex } from './offset-index';
import { DiskPartitionLog, PartitionLogOptions } from './partition-log';
import { ProducerState } from './producer-state';
import { Segment, parseSegmentFileName, segmentFileName } from './segment';

/** What recovery found and repaired, for logs and tests. */
export interface RecoveryReport {
  truncatedBytes: number;
  rebuiltIndexes: number;
}

/**
 * Opens (or creates) the partition in `dir`. Closed segments are trusted apart from an index
 * sanity check; the active segment is verified batch by batch (framing, CRC, contiguous offsets)
 * and cut at the first bad byte, so a torn write never survives a restart.
 */
export async function openPartitionLog(
  dir: string,
  topic: string,
  partition: number,
  options: PartitionLogOptions,
  report: RecoveryReport = { truncatedBytes: 0, rebuiltIndexes: 0 },
): Promise<DiskPartitionLog> {
  await mkdir(dir, { recursive: true });
  const names = await readdir(dir);
  const baseOffsets = names
    .map(parseSegmentFileName)
    .filter((offset): offset is number => offset !== undefined)
    .sort((a, b) => a - b);
  await removeStrayFiles(dir, names, new Set(baseOffsets));

  const producers = new ProducerState();
  const segments: Segment[] = [];
  try {
    for (let i = 0; i < baseOffsets.length - 1; i++) {
      const segment = await openClosedSegment(
        dir,
        baseOffsets[i],
        baseOffsets[i + 1],
        options,
        report,
      );
      segments.push(segment);
    }
    // Producer state: the last closed segment's batches, then the active one's (replayed in order).
    const lastClosed = segments[segments.length - 1];
    if (lastClosed) {
      await lastClosed.withFd((fd) =>
        scanBatches(fd, 0, lastClosed.size, false, (header) => producers.replay(header)),
      );
    }
    segments.push(
      baseOffsets.length === 0
        ? await Segment.create(dir, 0, options.indexIntervalBytes, options.syncFn)
        : await recoverActiveSegment(
            dir,
            baseOffsets[baseOffsets.length - 1],
            options,
            producers,
            report,
          ),
    );
  } catch (error) {
    await Promise.all(segments.map((segment) => segment.close()));
    throw error;
  }
  return new DiskPartitionLog(topic, partition, dir, segments, producers, options);
}

async function openClosedSegment(
  dir: string,
  baseOffset: number,
  nextOffset: number,
  options: PartitionLogOptions,
  report: RecoveryReport,
): Promise<Segment> {
  const fd = await openFile(path.join(dir, segmentFileName(baseOffset, 'log')), 'r+');
  const { size } = await fstat(fd);
  const indexFile = path.join(dir, segmentFileName(baseOffset, 'index'));
  let index = await OffsetIndex.load(indexFile, baseOffset, options.indexIntervalBytes, size);
  if (!index) {
    const rebuilt = new OffsetIndex(baseOffset, options.indexIntervalBytes);
    await scanBatches(fd, 0, size, false, (header, position) =>
      rebuilt.onBatch(header.baseOffset, position),
    );
    await rebuilt.save(indexFile);
    report.rebuiltIndexes++;
    index = rebuilt;
  }
  // The newest timestamp is scanned lazily, when retention or ListOffsets first needs it.
  const state = { size, nextOffset, maxTimestamp: undefined };
  return new Segment(dir, baseOffset, fd, index, state, options.syncFn);
}

async function recoverActiveSegment(
  dir: string,
  baseOffset: number,
  options: PartitionLogOptions,
  producers: ProducerState,
  report: RecoveryReport,
): Promise<Segment> {
  const fd = await openFile(path.join(dir, segmentFileName(baseOffset, 'log')), 'r+');
  try {
    const { size } = await fstat(fd);
    const index = new OffsetIndex(baseOffset, options.indexIntervalBytes);
    let nextOffset = baseOffset;
    let maxTimestamp = -1;
    let validEnd = 0;
    await scanBatches(fd, 0, size, true, (header, position) => {
      if (header.baseOffset !== nextOffset) return false;
      index.onBatch(header.baseOffset, position);
      producers.replay(header);
      nextOffset = header.baseOffset + header.lastOffsetDelta + 1;
      maxTimestamp = Math.max(maxTimestamp, header.maxTimestamp);
      validEnd = position + header.size;
      return true;
    });
    if (validEnd < size) {
      await truncateFile(fd, validEnd);
      await fdatasync(fd);
      report.truncatedBytes += size - validEnd;
    }
    // The active index lives in memory until the segment is sealed; an old file is stale.
    await unlink(path.join(dir, segmentFileName(baseOffset, 'index'))).catch(() => undefined);
    const state = { size: validEnd, nextOffset, maxTimestamp };
    return new Segment(dir, baseOffset, fd, index, state, options.syncFn);
  } catch (error) {
    await closeFile(fd);
    throw error;
  }
}

/** Index files without a log and temp files of interrupted atomic writes. */
async function removeStrayFiles(dir: string, names: string[], logs: Set<number>): Promise<void> {
  for (const name of names) {
    const index = /^(\d{20})\.index$/.exec(name);
    const stray = name.endsWith('.tmp') || (index !== null && !logs.has(Number(index[1])));
    if (stray) await unlink(path.join(dir, name));
  }
}

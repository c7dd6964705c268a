import { open, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildBatch, buildValuesBatch } from '../record/testing/record-batch-builder';
import { scanBatches } from './batch-scanner';
import { makeTempDir, removeDir } from './testing/temp-store';

describe('scanBatches', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  async function scan(bytes: Buffer, verifyCrc: boolean) {
    const file = path.join(dir, 'segment.log');
    await writeFile(file, bytes);
    const handle = await open(file, 'r');
    try {
      const positions: number[] = [];
      const outcome = await scanBatches(handle.fd, 0, bytes.length, verifyCrc, (_, at) => {
        positions.push(at);
      });
      return { positions, outcome };
    } finally {
      await handle.close();
    }
  }

  it('walks batches across chunk boundaries, including one larger than a chunk', async () => {
    const big = buildBatch({ records: [{ value: Buffer.alloc(1_500_000, 1) }] });
    const small = Array.from({ length: 3000 }, (_, i) => buildValuesBatch(`s${i}`, 3));
    const bytes = Buffer.concat([...small, big, ...small]);
    const { positions, outcome } = await scan(bytes, true);
    expect(positions).toHaveLength(6001);
    expect(outcome).toEqual({ end: bytes.length });
  });

  it('stops at a torn batch and at a CRC mismatch', async () => {
    const good = buildValuesBatch('good', 2);
    const torn = buildValuesBatch('torn', 2).subarray(0, 30);
    expect((await scan(Buffer.concat([good, torn]), true)).outcome).toEqual({
      end: good.length,
      problem: 'truncated',
    });
    const flipped = buildValuesBatch('flip', 2);
    flipped[flipped.length - 2] ^= 1;
    expect((await scan(Buffer.concat([good, flipped]), true)).outcome).toEqual({
      end: good.length,
      problem: 'crc-mismatch',
    });
    expect((await scan(Buffer.concat([good, flipped]), false)).positions).toEqual([0, good.length]);
  });
});

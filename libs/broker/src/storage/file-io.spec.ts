import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { closeFile, openFile, writeAllAt } from './file-io';
import { makeTempDir, removeDir } from './testing/temp-store';

describe('writeAllAt', () => {
  let dir: string;
  beforeEach(async () => (dir = await makeTempDir()));
  afterEach(() => removeDir(dir));

  it.each([
    ['small writes, made inline', [Buffer.alloc(100, 1), Buffer.alloc(3000, 2)]],
    ['large writes, made on the thread pool', [Buffer.alloc(40_000, 3), Buffer.alloc(90_000, 4)]],
  ])('places every byte of %s at the position asked', async (_, buffers) => {
    const file = path.join(dir, 'data');
    const fd = await openFile(file, 'w+');
    try {
      await writeAllAt(fd, [Buffer.alloc(10, 9)], 0);
      await writeAllAt(fd, buffers, 10);
    } finally {
      await closeFile(fd);
    }
    const written = await readFile(file);
    // Buffer#equals: toEqual compares a large buffer element by element, for seconds.
    expect(written.equals(Buffer.concat([Buffer.alloc(10, 9), ...buffers]))).toBe(true);
  });

  it('rejects, rather than throws, when the write fails', async () => {
    const file = path.join(dir, 'read-only');
    await closeFile(await openFile(file, 'w'));
    const fd = await openFile(file, 'r');
    try {
      const write = writeAllAt(fd, [Buffer.alloc(10)], 0);
      await expect(write).rejects.toMatchObject({ code: 'EBADF' });
    } finally {
      await closeFile(fd);
    }
  });
});

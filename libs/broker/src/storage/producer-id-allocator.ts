import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from './file-io';

const ALLOCATOR_FILE = 'producer-ids.json';
const BLOCK_SIZE = 1000;

/**
 * Hands out producer ids that are never reused, even across crashes: ids are reserved in blocks
 * whose end is persisted before any id of the block is given out. A restart starts a new block.
 */
export class ProducerIdAllocator {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private next: number,
    private reservedUpTo: number,
  ) {}

  static async load(dataDir: string): Promise<ProducerIdAllocator> {
    const file = path.join(dataDir, ALLOCATOR_FILE);
    let reservedUpTo = 0;
    try {
      reservedUpTo = (JSON.parse(await readFile(file, 'utf8')) as { reservedUpTo: number })
        .reservedUpTo;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`cannot read ${file}: ${(error as Error).message}`);
      }
    }
    return new ProducerIdAllocator(file, reservedUpTo, reservedUpTo);
  }

  allocate(): Promise<number> {
    const allocation = this.queue.then(async () => {
      if (this.next >= this.reservedUpTo) {
        const reservedUpTo = this.next + BLOCK_SIZE;
        await writeFileAtomic(this.file, JSON.stringify({ reservedUpTo }));
        this.reservedUpTo = reservedUpTo;
      }
      return this.next++;
    });
    this.queue = allocation.catch(() => undefined);
    return allocation;
  }
}

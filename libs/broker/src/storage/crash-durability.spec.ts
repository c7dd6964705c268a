import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { makeTempDir, openStore, partitionOf, readAll, removeDir } from './testing/temp-store';

const repoRoot = path.resolve(__dirname, '../../../..');
const child = path.join(__dirname, 'testing/append-until-killed.ts');

describe('crash durability', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  it('keeps every acknowledged append when the process is SIGKILLed mid-stream', async () => {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', child, dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.on('exit', (_, signal) => resolve(signal)),
    );
    let lastAcked = -1;
    let acks = 0;
    let text = '';
    await new Promise<void>((resolve, reject) => {
      proc.on('exit', () => reject(new Error('child exited before being killed')));
      proc.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const lines = text.split('\n');
        text = lines.pop() ?? '';
        for (const line of lines) {
          lastAcked = Number(line);
          acks++;
        }
        if (acks >= 500) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');

    const store = await openStore(dir, { segmentBytes: 16 * 1024 });
    const log = partitionOf(store, 'crash', 0);
    expect(log.highWatermark()).toBeGreaterThanOrEqual(lastAcked + 3);
    const batches = await readAll(log, 0, 64 * 1024);
    expect(batches.map((b) => b.header.baseOffset)).toEqual(batches.map((_, i) => i * 3));
    await store.close();
  }, 30_000);
});

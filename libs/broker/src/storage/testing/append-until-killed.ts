/**
 * Child process for the crash test: appends to `<dataDir>` until killed, printing each offset
 * once its append was acknowledged.
 */
import { buildValuesBatch } from '../../record/testing/record-batch-builder';
import { DiskLogStore } from '../disk-log-store';

async function main(dataDir: string): Promise<void> {
  const store = await DiskLogStore.open({
    dataDir,
    segmentBytes: 16 * 1024,
    retentionMs: -1,
    retentionBytes: -1,
    fsync: 'never',
  });
  await store.createTopic('crash', 1);
  const log = store.partition('crash', 0);
  if (!log) throw new Error('partition missing');
  for (let i = 0; i < 1_000_000; i++) {
    const result = await log.append(buildValuesBatch(`v${i}`, 3));
    if ('error' in result) throw new Error(result.error);
    process.stdout.write(`${result.baseOffset}\n`);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

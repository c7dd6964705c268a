import { existsSync } from 'node:fs';
import { readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '../src/protocol';
import { buildBatch } from '../src/record/testing/record-batch-builder';
import { RawClient } from './support/raw-client';
import {
  decodeFetchResponse,
  fetchFrame,
  fetchPartitionRequest,
  produceFrame,
} from './support/requests';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { tempDir } from './support/temp-dir';
import { waitUntil } from './support/wait-until';

jest.setTimeout(60_000);

const PARTITIONS = 200;

/** Files under `dir` that this process holds open (Linux: the links in /proc/self/fd). */
async function openFilesUnder(dir: string): Promise<string[]> {
  const targets = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) =>
      readlink(join('/proc/self/fd', fd)).catch(() => ''),
    ),
  );
  return targets.filter((target) => target.startsWith(`${dir}/`));
}

describe('closing the broker', () => {
  it('finishes the requests in hand before it closes storage', async () => {
    const dir = await tempDir('broker-shutdown');
    let broker: TestBroker | undefined;
    let client: RawClient | undefined;
    try {
      // Creating a topic of many partitions takes a while, and close() comes in the middle.
      broker = await startTestBroker({ dataDir: dir.path, defaultPartitions: PARTITIONS });
      client = await RawClient.connect(broker.port);
      client.send(
        produceFrame(1, {
          transactionalId: null,
          acks: 1,
          timeoutMs: 1000,
          topicData: [
            {
              name: 'created-at-close',
              partitionData: [
                { index: PARTITIONS - 1, records: buildBatch({ records: [{ value: 'v' }] }) },
              ],
            },
          ],
        }),
      );
      await waitUntil(
        'the topic to be half-made',
        () => existsSync(join(dir.path, 'created-at-close-0')),
        10_000,
        1,
      );
      expect(existsSync(join(dir.path, `created-at-close-${PARTITIONS - 1}`))).toBe(false);
      await broker.close();

      expect(await openFilesUnder(dir.path)).toEqual([]);
      // The produce in hand ran to its end: the topic is whole and the record stored, though
      // the connection closed before it could be acknowledged.
      broker = await startTestBroker({ dataDir: dir.path });
      const reader = await RawClient.connect(broker.port);
      reader.send(fetchFrame(2, fetchPartitionRequest('created-at-close', PARTITIONS - 1, 0)));
      const partition = decodeFetchResponse(await reader.receive()).response.responses[0]
        ?.partitions[0];
      reader.close();
      expect(partition).toMatchObject({ errorCode: ErrorCode.NONE, highWatermark: 1 });
    } finally {
      client?.close();
      await broker?.close();
      await dir.remove();
    }
  });
});

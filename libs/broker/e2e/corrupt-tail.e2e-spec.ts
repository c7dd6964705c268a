import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBatchHeader, readValidBatch, type BatchHeader } from '../src/record';
import { consumeValues } from './support/consume';
import { kafkaClient } from './support/kafka-client';
import { RawClient } from './support/raw-client';
import { decodeFetchResponse, fetchFrame, fetchPartitionRequest } from './support/requests';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { tempDir } from './support/temp-dir';

jest.setTimeout(90_000);

const TOPIC = 'fragile';
const SENDS = 5;
const PER_SEND = 10;
const INTACT = (SENDS - 1) * PER_SEND;

/** Every batch the broker serves from offset 0, each checked (length, magic, CRC). */
async function servedBatches(
  broker: TestBroker,
): Promise<{ highWatermark: number; batches: BatchHeader[] }> {
  const client = await RawClient.connect(broker.port);
  try {
    client.send(fetchFrame(1, fetchPartitionRequest(TOPIC, 0, 0)));
    const { response } = decodeFetchResponse(await client.receive());
    const partition = response.responses[0]?.partitions[0];
    if (!partition) throw new Error('no partition in the fetch response');
    expect(partition.errorCode).toBe(0);
    const records = Buffer.concat([partition.records ?? []].flat());
    const batches: BatchHeader[] = [];
    for (let at = 0; at < records.length;) {
      const batch = readValidBatch(records, at);
      if (typeof batch === 'string') throw new Error(`served an invalid batch at ${at}: ${batch}`);
      batches.push(batch);
      at += batch.size;
    }
    return { highWatermark: partition.highWatermark, batches };
  } finally {
    client.close();
  }
}

describe('a damaged tail of the last segment', () => {
  const values = Array.from({ length: SENDS * PER_SEND }, (_, i) => `record-${i}`);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let segmentPath: string;
  let pristine: Buffer;
  let lastBatchAt: number;
  let lastBatchSize: number;

  beforeAll(async () => {
    dir = await tempDir('broker-corrupt');
    const broker = await startTestBroker({ dataDir: dir.path, defaultPartitions: 1 });
    const producer = kafkaClient(broker.brokers).producer();
    await producer.connect();
    for (let send = 0; send < SENDS; send++) {
      await producer.send({
        topic: TOPIC,
        messages: values.slice(send * PER_SEND, (send + 1) * PER_SEND).map((value) => ({ value })),
      });
    }
    await producer.disconnect();
    await broker.close();

    const partitionDir = join(dir.path, `${TOPIC}-0`);
    const logs = (await readdir(partitionDir)).filter((name) => name.endsWith('.log')).sort();
    segmentPath = join(partitionDir, logs[logs.length - 1] as string);
    pristine = await readFile(segmentPath);
    for (let at = 0; at < pristine.length;) {
      const header = readBatchHeader(pristine, at);
      if (typeof header === 'string') throw new Error(`unexpected ${header} at ${at}`);
      lastBatchAt = at;
      lastBatchSize = header.size;
      at += header.size;
    }
  });

  afterAll(async () => {
    await dir.remove();
  });

  /** Starts a broker on the damaged copy and checks that only the intact prefix is served. */
  async function expectIntactPrefixServed(): Promise<TestBroker> {
    const broker = await startTestBroker({ dataDir: dir.path });
    try {
      const { highWatermark, batches } = await servedBatches(broker);
      expect(highWatermark).toBe(INTACT);
      expect(batches).toHaveLength(SENDS - 1);
      expect(batches.reduce((sum, b) => sum + b.recordCount, 0)).toBe(INTACT);
    } catch (error) {
      // A failed check must not leave the broker (and its open files) behind.
      await broker.close();
      throw error;
    }
    return broker;
  }

  it('recovers from a cut anywhere in the last batch (a sample of cut points)', async () => {
    // storage's own tests cut at every byte; here the whole broker restarts on a sample.
    const landmarks = [0, 1, 8, 12, 17, 21, 60, 61, lastBatchSize - 1];
    const strided = Array.from({ length: Math.ceil(lastBatchSize / 16) }, (_, i) => i * 16);
    const cuts = [...new Set([...landmarks, ...strided])].sort((a, b) => a - b);
    for (const cut of cuts) {
      await writeFile(segmentPath, pristine.subarray(0, lastBatchAt + cut));
      const broker = await expectIntactPrefixServed();
      await broker.close();
    }
  });

  it('drops a last batch with a flipped bit and serves kafkajs only intact records', async () => {
    const damaged = Buffer.from(pristine);
    const middle = lastBatchAt + Math.floor(lastBatchSize / 2);
    damaged[middle] = (damaged[middle] as number) ^ 0x10;
    await writeFile(segmentPath, damaged);
    const broker = await expectIntactPrefixServed();
    try {
      const kafka = kafkaClient(broker.brokers);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: TOPIC, messages: [{ value: 'after-recovery' }] });
      await producer.disconnect();
      expect(await consumeValues(kafka, TOPIC, 'checker', INTACT + 1)).toEqual([
        ...values.slice(0, INTACT),
        'after-recovery',
      ]);
    } finally {
      await broker.close();
    }
  });
});

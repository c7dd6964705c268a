import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { isPortFree, isProcessAlive } from '@fanout/node-process';
import { readTopic } from '@fanout/testing';
import { type ApacheKafka, startApacheKafka } from './apache-kafka';
import { ensureKafkaJars } from './kafka-jars';
import { runKafkaTool } from './kafka-tools';

// Real JVMs, no mocks: two starts of Apache Kafka on one data directory (5-15 s each here).

const TOPIC = 'orders';

function client(brokers: string): Kafka {
  return new Kafka({
    clientId: 'kafka-runner-spec',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  });
}

/** The topic's records from the start, as key and value, once `count` of them arrived. */
async function consumeFromStart(brokers: string, count: number) {
  const messages = await readTopic([brokers], TOPIC, count, 120_000);
  return messages.map(({ key, value }) => ({ key, value }));
}

function clusterId(dataDir: string): string | undefined {
  const meta = readFileSync(path.join(dataDir, 'data', 'meta.properties'), 'utf8');
  return /^cluster\.id=(.+)$/m.exec(meta)?.[1];
}

describe('startApacheKafka (a real Apache Kafka)', () => {
  let workDir: string;
  let dataDir: string;
  const started: ApacheKafka[] = [];

  beforeAll(async () => {
    await ensureKafkaJars();
    workDir = mkdtempSync(path.join(os.tmpdir(), 'kafka-runner-'));
    dataDir = path.join(workDir, 'kafka');
  }, 300_000);

  afterAll(async () => {
    // Whatever a failed test left running: no JVM outlives the suite.
    await Promise.all(started.map((kafka) => kafka.kill()));
    rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  it('keeps its topic and messages across a SIGTERM stop and a start on the same data', async () => {
    const first = await startApacheKafka({ dataDir });
    started.push(first);
    expect(first.logTail()).toContain(`kafka listening on 127.0.0.1:${first.port}`);
    const formattedAs = clusterId(dataDir);

    const created = await runKafkaTool('kafka-topics', [
      '--bootstrap-server',
      first.brokers,
      '--create',
      '--topic',
      TOPIC,
      '--partitions',
      '3',
      '--replication-factor',
      '1',
    ]);
    expect(created).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Created topic ${TOPIC}.`),
    });

    const producer = client(first.brokers).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    await producer.send({
      topic: TOPIC,
      acks: -1,
      messages: [{ key: 'order-1', value: 'created' }],
    });
    await producer.disconnect();
    expect(await consumeFromStart(first.brokers, 1)).toEqual([
      { key: 'order-1', value: 'created' },
    ]);

    await first.stop();
    expect(isProcessAlive(first.jvmPid)).toBe(false);
    expect(await isPortFree(first.port)).toBe(true);
    expect(first.logTail()).toContain('kafka: stopped');

    // Other ports this time: the data does not depend on them.
    const second = await startApacheKafka({ dataDir });
    started.push(second);
    expect(second.port).not.toBe(first.port);
    expect(clusterId(dataDir)).toBe(formattedAs);
    const admin = client(second.brokers).admin();
    await admin.connect();
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics;
    await admin.disconnect();
    expect(metadata.partitions).toHaveLength(3);
    expect(await consumeFromStart(second.brokers, 1)).toEqual([
      { key: 'order-1', value: 'created' },
    ]);
  }, 420_000);

  it('leaves no JVM behind when its Node runner is SIGKILLed', async () => {
    const kafka = started.at(-1);
    if (!kafka || !isProcessAlive(kafka.jvmPid)) throw new Error('needs the previous test');
    await kafka.killRunner();
    expect(isProcessAlive(kafka.jvmPid)).toBe(false);
    expect(await isPortFree(kafka.port)).toBe(true);
    expect(await isPortFree(kafka.controllerPort)).toBe(true);
  }, 120_000);
});

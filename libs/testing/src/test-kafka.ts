import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { startBroker } from '@fanout/broker';

export interface TestKafka {
  /** Bootstrap addresses of the embedded broker. */
  brokers: string[];
  /** Connected; for publishing the events a test feeds in. */
  producer: Producer;
  /** Disconnects the producer, stops the broker and deletes its data. */
  close(): Promise<void>;
}

/** An embedded broker on a free port with a fresh data directory, and a producer connected to it. */
export async function startTestKafka(): Promise<TestKafka> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanout-broker-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const broker = await startBroker({ port: 0, dataDir, logLevel: 'error' }).catch((error) => {
    removeData();
    throw error;
  });
  const brokers = [broker.brokers];
  const producer = new Kafka({ clientId: 'test', brokers, logLevel: logLevel.NOTHING }).producer();
  const close = async () => {
    await producer.disconnect();
    await broker.close();
    removeData();
  };
  try {
    await producer.connect();
  } catch (error) {
    await close();
    throw error;
  }
  return { brokers, producer, close };
}

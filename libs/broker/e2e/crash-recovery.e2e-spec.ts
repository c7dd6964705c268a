import type { Producer } from 'kafkajs';
import { spawnBroker, type BrokerProcess } from './support/broker-process';
import { consumeValues } from './support/consume';
import { kafkaClient } from './support/kafka-client';
import { tempDir } from './support/temp-dir';
import { waitUntil } from './support/wait-until';

jest.setTimeout(120_000);

const TOPIC = 'crash-test';
const KILLS = 3;

describe('a broker process killed with SIGKILL', () => {
  it('keeps every acknowledged message across three kills and restarts', async () => {
    const dir = await tempDir('broker-crash');
    const args = (port: number) => [
      '--port',
      String(port),
      '--data-dir',
      dir.path,
      '--log-level',
      'warn',
      '--default-partitions',
      '3',
    ];
    let broker: BrokerProcess = await spawnBroker(args(0));
    const port = broker.port;
    const kafka = kafkaClient(broker.brokers, {
      retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 30 },
    });
    const producer: Producer = kafka.producer();
    const acknowledged: string[] = [];
    let stopped = false;
    let attempted = 0;

    // A stream of small acks=all sends; a send counts only once kafkajs reports it acknowledged.
    const stream = (async () => {
      await producer.connect();
      while (!stopped) {
        const batch = Array.from({ length: 10 }, () => `m-${attempted++}`);
        try {
          await producer.send({
            topic: TOPIC,
            acks: -1,
            messages: batch.map((value) => ({ value })),
          });
          acknowledged.push(...batch);
        } catch {
          // Not acknowledged: it may or may not be stored, and either is allowed.
        }
      }
    })();

    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        const target = acknowledged.length + 200;
        await waitUntil(
          `${target} acknowledged messages`,
          () => acknowledged.length >= target,
          60_000,
        );
        broker.child.kill('SIGKILL');
        expect(await broker.exited).toBe('SIGKILL');
        broker = await spawnBroker(args(port));
      }
      const target = acknowledged.length + 100;
      await waitUntil('sends after the last restart', () => acknowledged.length >= target, 60_000);
      stopped = true;
      await stream;
      await producer.disconnect();

      const stored = new Set<string>();
      const missing = () => acknowledged.filter((value) => !stored.has(value));
      await consumeValues(
        kafka,
        TOPIC,
        'verifier',
        (values) => {
          for (const value of values.splice(0)) stored.add(value);
          return missing().length === 0;
        },
        60_000,
      ).catch(() => undefined);
      // Duplicates of unacknowledged retries are allowed; a missing acknowledged message is not.
      expect(missing()).toEqual([]);
    } finally {
      stopped = true;
      await stream.catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      broker.child.kill('SIGKILL');
      await broker.exited;
      await dir.remove();
    }
  });
});

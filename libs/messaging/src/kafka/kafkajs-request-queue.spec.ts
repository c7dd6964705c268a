import { createHook } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type Admin, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { type RunningBroker, startBroker } from '@fanout/broker';

/**
 * kafkajs 2.2.4 as patched by patches/kafkajs+2.2.4.patch (applied by `npm install`): an idle
 * connection's request queue re-armed a 1 ms timer forever (kafkajs#1556), and the patch stops
 * that without stopping the queue from sending what has to wait.
 */
describe('kafkajs request queue (patched)', () => {
  let dataDir: string;
  let broker: RunningBroker;
  let kafka: Kafka;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kafkajs-request-queue-'));
    broker = await startBroker({ port: 0, dataDir, logLevel: 'error' });
    kafka = new Kafka({
      clientId: 'request-queue-spec',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
  });

  afterAll(async () => {
    await broker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('arms no timer on a connection with nothing to send', async () => {
    const admin: Admin = kafka.admin();
    await admin.connect();
    try {
      await admin.listTopics(); // a request answered: the queue is empty again
      // Only the request queue's timers: the broker runs in this process and has timers of its own.
      let timers = 0;
      const hook = createHook({
        init: (_id, type) => {
          if (type === 'Timeout' && new Error().stack?.includes('requestQueue')) timers += 1;
        },
      }).enable();
      try {
        // A window to count in, not a wait for something: unpatched, 300 ms arm about 200.
        await delay(300);
      } finally {
        hook.disable();
      }
      expect(timers).toBe(0);
    } finally {
      await admin.disconnect();
    }
  });

  it('still sends the requests that had to wait for one in flight', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'queued', numPartitions: 1 }] });
    await admin.disconnect();
    // One request in flight at a time: the other 29 queue as pending and are sent one by one.
    const producer: Producer = kafka.producer({
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      const sends = Array.from({ length: 30 }, (_, i) =>
        producer.send({ topic: 'queued', messages: [{ key: 'k', value: String(i) }] }),
      );
      const results = await Promise.all(sends);
      expect(results.flat()).toHaveLength(30);
      expect(results.flat().every((result) => result.errorCode === 0)).toBe(true);
    } finally {
      await producer.disconnect();
    }
  });
});

import { kafkaClient } from './support/kafka-client';
import { RawClient } from './support/raw-client';
import { startTestBroker, type TestBroker } from './support/test-broker';

jest.setTimeout(60_000);

describe('a failing disk', () => {
  let broker: TestBroker;
  let diskFails = false;

  beforeAll(async () => {
    broker = await startTestBroker({
      defaultPartitions: 1,
      fsync: 'always',
      storage: {
        fdatasync: async () => {
          if (diskFails)
            throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        },
      },
    });
  });

  afterAll(async () => {
    await broker.dispose();
  });

  it('stops acknowledging and stops serving once an fsync fails', async () => {
    const kafka = kafkaClient(broker.brokers, { retry: { retries: 2, initialRetryTime: 50 } });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'disk', acks: -1, messages: [{ value: 'durable' }] });

    diskFails = true;
    const failure = broker.failure.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await expect(
      producer.send({ topic: 'disk', acks: -1, messages: [{ value: 'not durable' }] }),
    ).rejects.toThrow();
    expect(await failure).toMatch(/EIO/);
    await producer.disconnect().catch(() => undefined);
    // No longer listening: a new client cannot even connect.
    await expect(RawClient.connect(broker.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});

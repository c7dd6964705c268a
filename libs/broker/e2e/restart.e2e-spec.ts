import { consumeValues } from './support/consume';
import { kafkaClient } from './support/kafka-client';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { tempDir } from './support/temp-dir';

jest.setTimeout(60_000);

const values = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `message-${from + i}`);

describe('restart on the same data directory', () => {
  it('keeps every message and resumes the group from its committed offsets', async () => {
    const dir = await tempDir('broker-restart');
    let broker: TestBroker | undefined;
    try {
      broker = await startTestBroker({ dataDir: dir.path, defaultPartitions: 3 });
      let kafka = kafkaClient(broker.brokers);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: 'ledger',
        messages: values(0, 60).map((value, i) => ({ key: `k${i % 5}`, value })),
      });
      await producer.disconnect();
      // Consumed and committed before the restart.
      expect((await consumeValues(kafka, 'ledger', 'auditors', 60)).sort()).toEqual(
        values(0, 60).sort(),
      );
      await broker.close();

      broker = await startTestBroker({ dataDir: dir.path });
      kafka = kafkaClient(broker.brokers);
      const admin = kafka.admin();
      await admin.connect();
      expect(await admin.listTopics()).toEqual(['ledger']);
      const [committed] = await admin.fetchOffsets({ groupId: 'auditors', topics: ['ledger'] });
      expect(committed?.partitions.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(60);
      await admin.disconnect();

      const laterProducer = kafka.producer();
      await laterProducer.connect();
      await laterProducer.send({
        topic: 'ledger',
        messages: values(60, 100).map((value, i) => ({ key: `k${i % 5}`, value })),
      });
      await laterProducer.disconnect();

      // The group picks up exactly where it left off...
      expect((await consumeValues(kafka, 'ledger', 'auditors', 40)).sort()).toEqual(
        values(60, 100).sort(),
      );
      // ...and nothing written before the restart was lost.
      expect((await consumeValues(kafka, 'ledger', 'newcomers', 100)).sort()).toEqual(
        values(0, 100).sort(),
      );
    } finally {
      await broker?.close();
      await dir.remove();
    }
  });
});

import { fastConsumer, kafkaClient } from './support/kafka-client';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { waitUntil } from './support/wait-until';

jest.setTimeout(60_000);

describe('kafkajs admin', () => {
  let broker: TestBroker;

  beforeEach(async () => {
    broker = await startTestBroker({ defaultPartitions: 2 });
  });

  afterEach(async () => {
    await broker.dispose();
  });

  it('creates, describes and deletes topics, and reports groups and their offsets', async () => {
    const kafka = kafkaClient(broker.brokers);
    const admin = kafka.admin();
    await admin.connect();

    expect(
      await admin.createTopics({
        topics: [{ topic: 'invoices', numPartitions: 3 }, { topic: 'refunds' }],
      }),
    ).toBe(true);
    // Already there: false, not an error.
    expect(await admin.createTopics({ topics: [{ topic: 'invoices' }] })).toBe(false);
    await expect(admin.createTopics({ topics: [{ topic: 'bad name!' }] })).rejects.toThrow();
    await expect(
      // kafkajs would wait for the leaders of a topic that was only validated.
      admin.createTopics({
        topics: [{ topic: 'dry-run' }],
        validateOnly: true,
        waitForLeaders: false,
      }),
    ).resolves.toBe(true);
    expect((await admin.listTopics()).sort()).toEqual(['invoices', 'refunds']);

    const { topics } = await admin.fetchTopicMetadata({ topics: ['invoices', 'refunds'] });
    const partitionCounts = Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
    expect(partitionCounts).toEqual({ invoices: 3, refunds: 2 });
    for (const partition of topics.flatMap((t) => t.partitions)) {
      expect(partition).toMatchObject({ leader: 0, replicas: [0], isr: [0] });
    }
    // The admin client never auto-creates.
    await expect(admin.fetchTopicMetadata({ topics: ['nowhere'] })).rejects.toThrow(
      /does not host this topic-partition/,
    );

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'invoices',
      messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    });
    await producer.disconnect();
    const highWatermarks = await admin.fetchTopicOffsets('invoices');
    expect(highWatermarks.reduce((sum, p) => sum + Number(p.high), 0)).toBe(30);
    expect(highWatermarks.every((p) => p.low === '0')).toBe(true);
    // ListOffsets by timestamp: nothing is newer than the future, everything is newer than 0.
    const future = await admin.fetchTopicOffsetsByTimestamp('invoices', Date.now() + 60_000);
    expect(future.map((p) => [p.partition, p.offset])).toEqual(
      highWatermarks.map((p) => [p.partition, p.high]),
    );
    const past = await admin.fetchTopicOffsetsByTimestamp('invoices', 0);
    expect(past.every((p) => p.offset === '0')).toBe(true);

    const consumer = kafka.consumer(fastConsumer('billing'));
    await consumer.connect();
    await consumer.subscribe({ topic: 'invoices', fromBeginning: true });
    let consumed = 0;
    await consumer.run({
      eachMessage: async () => {
        consumed++;
      },
    });
    await waitUntil('30 messages consumed', () => consumed === 30);
    await waitUntil('offsets committed', async () => {
      const [committed] = await admin.fetchOffsets({ groupId: 'billing', topics: ['invoices'] });
      return (committed?.partitions ?? []).reduce((sum, p) => sum + Number(p.offset), 0) === 30;
    });

    const { groups } = await admin.listGroups();
    expect(groups).toEqual([{ groupId: 'billing', protocolType: 'consumer' }]);
    const described = await admin.describeGroups(['billing']);
    expect(described.groups[0]).toMatchObject({
      groupId: 'billing',
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'RoundRobinAssigner',
    });
    expect(described.groups[0]?.members).toHaveLength(1);
    await consumer.disconnect();
    await waitUntil(
      'the group to be empty',
      async () => (await admin.describeGroups(['billing'])).groups[0]?.state === 'Empty',
      10_000,
    );

    const committedTopics = async () =>
      (await admin.fetchOffsets({ groupId: 'billing' })).map((t) => t.topic);
    expect(await committedTopics()).toEqual(['invoices']);
    await admin.deleteTopics({ topics: ['invoices'] });
    expect(await admin.listTopics()).toEqual(['refunds']);
    // The group's offsets went with the topic.
    expect(await committedTopics()).toEqual([]);
    await admin.disconnect();
  });

  it('refuses unknown topics when auto-creation is off', async () => {
    const strict = await startTestBroker({ autoCreateTopics: false });
    try {
      const kafka = kafkaClient(strict.brokers, { retry: { retries: 1, initialRetryTime: 50 } });
      const producer = kafka.producer();
      await producer.connect();
      await expect(
        producer.send({ topic: 'unplanned', messages: [{ value: 'x' }] }),
      ).rejects.toThrow(/does not host this topic-partition/);
      await producer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      expect(await admin.listTopics()).toEqual([]);
      await admin.disconnect();
    } finally {
      await strict.dispose();
    }
  });
});

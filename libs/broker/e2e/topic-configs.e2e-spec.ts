import { ConfigResourceTypes, type Admin, type ConfigEntries } from 'kafkajs';
import {
  ConfigResourceType,
  ConfigSource,
  createTopicsApi,
  describeConfigsApi,
  ErrorCode,
  type DescribeConfigsResponse,
} from '../src/protocol';
import { kafkaClient } from './support/kafka-client';
import { RawClient } from './support/raw-client';
import { apiRequestFrame, readResponse } from './support/requests';
import { startTestBroker, type TestBroker } from './support/test-broker';

jest.setTimeout(60_000);

const ONE_HOUR_MS = 3_600_000;

describe('configs through the kafkajs admin client', () => {
  let broker: TestBroker;
  let admin: Admin;

  beforeAll(async () => {
    // Two options away from their defaults, the rest left alone.
    broker = await startTestBroker({ defaultPartitions: 2, retentionMs: ONE_HOUR_MS });
    admin = kafkaClient(broker.brokers).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'ledger' }] });
  });

  afterAll(async () => {
    await admin.disconnect();
    await broker.dispose();
  });

  const entriesOf = async (
    type: ConfigResourceTypes,
    name: string,
    configNames?: string[],
  ): Promise<Map<string, ConfigEntries>> => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [{ type, name, ...(configNames ? { configNames } : {}) }],
    });
    expect(resources).toHaveLength(1);
    const [resource] = resources;
    expect(resource).toMatchObject({ errorCode: ErrorCode.NONE, resourceName: name });
    return new Map(resource?.configEntries.map((entry) => [entry.configName, entry]));
  };

  it("describes a topic's configs: the broker's, under the topic names, with their synonyms", async () => {
    const configs = await entriesOf(ConfigResourceTypes.TOPIC, 'ledger');
    expect(configs.get('retention.ms')).toEqual({
      configName: 'retention.ms',
      configValue: String(ONE_HOUR_MS),
      readOnly: true,
      isDefault: false,
      configSource: ConfigSource.STATIC_BROKER_CONFIG,
      isSensitive: false,
      configSynonyms: [
        {
          configName: 'log.retention.ms',
          configValue: String(ONE_HOUR_MS),
          configSource: ConfigSource.STATIC_BROKER_CONFIG,
        },
      ],
    });
    expect(configs.get('cleanup.policy')).toMatchObject({
      configValue: 'delete',
      isDefault: true,
      configSource: ConfigSource.DEFAULT_CONFIG,
    });
    expect(configs.get('retention.bytes')).toMatchObject({ configValue: '-1', isDefault: true });
    expect(configs.get('segment.bytes')).toMatchObject({ configValue: String(64 * 1024 * 1024) });
    // Broker-only settings are not topic configs.
    expect(configs.has('num.partitions')).toBe(false);
  });

  it('creates a topic with configs only where they ask for what every topic gets', async () => {
    await expect(
      admin.createTopics({
        topics: [
          {
            topic: 'agreeing',
            configEntries: [
              { name: 'cleanup.policy', value: 'delete' },
              { name: 'retention.ms', value: String(ONE_HOUR_MS) },
            ],
          },
        ],
      }),
    ).resolves.toBe(true);

    for (const config of [
      { name: 'retention.ms', value: '1000' },
      { name: 'cleanup.policy', value: 'compact,delete' },
      { name: 'segment.ms', value: '1000' },
    ]) {
      await expect(
        admin.createTopics({ topics: [{ topic: 'disagreeing', configEntries: [config] }] }),
      ).rejects.toMatchObject({
        errors: [expect.objectContaining({ type: 'INVALID_CONFIG', topic: 'disagreeing' })],
      });
    }
    // What kafkajs does not show: the reason, in the response's error message.
    const client = await RawClient.connect(broker.port);
    try {
      client.send(
        apiRequestFrame(createTopicsApi, 3, 1, {
          topics: [
            {
              name: 'disagreeing',
              numPartitions: -1,
              replicationFactor: -1,
              assignments: [],
              configs: [{ name: 'retention.ms', value: '1000' }],
            },
          ],
          timeoutMs: 1000,
          validateOnly: false,
        }),
      );
      const { body } = readResponse(await client.receive());
      expect(createTopicsApi.versions[3]?.response.read(body)).toMatchObject({
        topics: [
          {
            name: 'disagreeing',
            errorCode: ErrorCode.INVALID_CONFIG,
            errorMessage: `retention.ms=1000 differs from the broker's ${ONE_HOUR_MS}: the embedded broker has no per-topic configs`,
          },
        ],
      });
    } finally {
      client.close();
    }
    expect(await admin.listTopics()).not.toContain('disagreeing');
    // An existing topic is reported as such whatever its configs: createTopics is false.
    await expect(
      admin.createTopics({
        topics: [{ topic: 'agreeing', configEntries: [{ name: 'retention.ms', value: '1000' }] }],
      }),
    ).resolves.toBe(false);
  });

  it('creates a compacted topic and describes its cleanup.policy as set on the topic', async () => {
    await expect(
      admin.createTopics({
        topics: [
          { topic: 'catalogue', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
        ],
      }),
    ).resolves.toBe(true);
    const configs = await entriesOf(ConfigResourceTypes.TOPIC, 'catalogue');
    expect(configs.get('cleanup.policy')).toMatchObject({
      configValue: 'compact',
      isDefault: false,
      configSource: ConfigSource.TOPIC_CONFIG,
    });
    // Its other configs are still the broker's.
    expect(configs.get('retention.ms')).toMatchObject({ configValue: String(ONE_HOUR_MS) });
    expect(
      (await entriesOf(ConfigResourceTypes.TOPIC, 'ledger')).get('cleanup.policy'),
    ).toMatchObject({ configValue: 'delete' });
  });

  it('lists only the configs asked for, and skips names it does not know', async () => {
    const configs = await entriesOf(ConfigResourceTypes.TOPIC, 'ledger', [
      'retention.ms',
      'no.such.config',
    ]);
    expect([...configs.keys()]).toEqual(['retention.ms']);
  });

  it("describes the broker's configs under Kafka's broker names", async () => {
    const configs = await entriesOf(ConfigResourceTypes.BROKER, String(broker.nodeId));
    const values = (...names: string[]) => names.map((name) => configs.get(name)?.configValue);
    expect(
      values('num.partitions', 'log.retention.ms', 'log.dirs', 'advertised.listeners'),
    ).toEqual(['2', String(ONE_HOUR_MS), broker.dataDir, `PLAINTEXT://${broker.brokers}`]);
    expect(configs.get('num.partitions')).toMatchObject({
      configSource: ConfigSource.STATIC_BROKER_CONFIG,
    });
    expect(configs.get('auto.create.topics.enable')).toMatchObject({
      configValue: 'true',
      configSource: ConfigSource.DEFAULT_CONFIG,
    });
  });

  it('answers an unknown topic with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    await expect(
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'nowhere' }],
      }),
    ).rejects.toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it.each([0, 1, 2])(
    'v%i: answers each resource on its own; another broker or a broker logger is INVALID_REQUEST',
    async (version) => {
      // kafkajs routes a broker resource by its id and knows no logger resources: raw frames.
      const client = await RawClient.connect(broker.port);
      try {
        client.send(
          apiRequestFrame(describeConfigsApi, version, 1, {
            resources: [
              {
                resourceType: ConfigResourceType.BROKER,
                resourceName: '7',
                configurationKeys: null,
              },
              {
                resourceType: ConfigResourceType.BROKER_LOGGER,
                resourceName: '0',
                configurationKeys: null,
              },
              {
                resourceType: ConfigResourceType.TOPIC,
                resourceName: 'ledger',
                configurationKeys: ['cleanup.policy'],
              },
            ],
            includeSynonyms: false,
          }),
        );
        const { correlationId, body } = readResponse(await client.receive());
        expect(correlationId).toBe(1);
        const codec = describeConfigsApi.versions[version]?.response;
        expect((codec?.read(body) as DescribeConfigsResponse).results).toEqual([
          {
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: "unexpected broker id '7': this broker is 0",
            resourceType: ConfigResourceType.BROKER,
            resourceName: '7',
            configs: [],
          },
          {
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: 'resource type 8 is not described here: only topics (2) and brokers (4)',
            resourceType: ConfigResourceType.BROKER_LOGGER,
            resourceName: '0',
            configs: [],
          },
          {
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            resourceType: ConfigResourceType.TOPIC,
            resourceName: 'ledger',
            configs: [
              {
                name: 'cleanup.policy',
                value: 'delete',
                readOnly: true,
                configSource: ConfigSource.DEFAULT_CONFIG,
                isSensitive: false,
                synonyms: [],
              },
            ],
          },
        ]);
        expect(body.remaining).toBe(0);
      } finally {
        client.close();
      }
    },
  );
});

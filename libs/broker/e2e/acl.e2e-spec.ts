/**
 * ACLs on the embedded broker, enforced the way Kafka's authorizer does and managed through
 * kafkajs's admin API: principals come from SASL/SCRAM, `User:admin` is a super user, and
 * anything no ACL allows is refused with Kafka's error codes. The ACLs survive a restart.
 */
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Kafka,
} from 'kafkajs';
import { consumeValues } from './support/consume';
import { fastConsumer, kafkaClient } from './support/kafka-client';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { tempDir } from './support/temp-dir';

const USERS = ['admin', 'alice', 'bob', 'carol'].map((name) => ({
  name,
  password: `${name}-secret`,
}));

const TOPIC = 'acl-orders';

const allow = (
  principal: string,
  resourceType: AclResourceTypes,
  resourceName: string,
  operation: AclOperationTypes,
  resourcePatternType = ResourcePatternTypes.LITERAL,
): AclEntry => ({
  resourceType,
  resourceName,
  resourcePatternType,
  principal,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

const ACLS: AclEntry[] = [
  allow('User:alice', AclResourceTypes.TOPIC, TOPIC, AclOperationTypes.WRITE),
  // alice may find the group's coordinator (DESCRIBE) but not join it (READ).
  allow('User:alice', AclResourceTypes.GROUP, 'alice-group', AclOperationTypes.DESCRIBE),
  allow(
    'User:bob',
    AclResourceTypes.TOPIC,
    'acl-',
    AclOperationTypes.READ,
    ResourcePatternTypes.PREFIXED,
  ),
  allow('User:bob', AclResourceTypes.GROUP, 'bob-group', AclOperationTypes.READ),
];

const client = (broker: TestBroker, user: string): Kafka =>
  kafkaClient(broker.brokers, {
    sasl: { mechanism: 'scram-sha-256', username: user, password: `${user}-secret` },
    retry: { retries: 0 },
  });

interface KafkaJsError {
  type?: string;
  message: string;
  cause?: KafkaJsError;
}

/**
 * The error a kafkajs call failed with (the protocol error kafkajs wrapped, when it did: a
 * refused Metadata comes as a non-retriable error caused by it), or a failure if it did not.
 */
async function failure(promise: Promise<unknown>): Promise<KafkaJsError> {
  try {
    await promise;
  } catch (error) {
    const thrown = error as KafkaJsError;
    return thrown.type === undefined && thrown.cause ? thrown.cause : thrown;
  }
  throw new Error('expected the call to fail');
}

describe('ACL authorization', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let broker: TestBroker;
  const start = () =>
    startTestBroker({
      dataDir: dir.path,
      securityProtocol: 'SASL_PLAINTEXT',
      saslUsers: USERS,
      authorizer: 'acl',
      superUsers: ['User:admin'],
    });

  beforeAll(async () => {
    dir = await tempDir('broker-acl');
    broker = await start();
    const admin = client(broker, 'admin').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }, { topic: 'secret' }] });
    await admin.createAcls({ acl: ACLS });
    await admin.disconnect();
  });
  afterAll(async () => {
    await broker.close();
    await dir.remove();
  });

  it('lets a principal with WRITE produce, and refuses one without (TOPIC_AUTHORIZATION_FAILED)', async () => {
    const producer = client(broker, 'alice').producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [{ value: 'from alice' }] });
    await producer.disconnect();

    const bob = client(broker, 'bob').producer();
    await bob.connect();
    const error = await failure(bob.send({ topic: TOPIC, messages: [{ value: 'from bob' }] }));
    expect(error.type).toBe('TOPIC_AUTHORIZATION_FAILED');
    await bob.disconnect();
  });

  it('lets a principal with READ on the topic and the group consume', async () => {
    await expect(consumeValues(client(broker, 'bob'), TOPIC, 'bob-group', 1)).resolves.toEqual([
      'from alice',
    ]);
  });

  it('refuses to let a principal without READ on a group join it (GROUP_AUTHORIZATION_FAILED)', async () => {
    const consumer = client(broker, 'alice').consumer(
      fastConsumer('alice-group', { retry: { retries: 0, restartOnFailure: async () => false } }),
    );
    const crashed = new Promise<{ type?: string }>((resolve) =>
      consumer.on(consumer.events.CRASH, ({ payload }) =>
        resolve(payload.error as { type?: string }),
      ),
    );
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    expect((await crashed).type).toBe('GROUP_AUTHORIZATION_FAILED');
    await consumer.disconnect();
  });

  it('hides topics a principal may not describe from its topic list', async () => {
    const admin = client(broker, 'bob').admin();
    await admin.connect();
    await expect(admin.listTopics()).resolves.toEqual([TOPIC]);
    const all = client(broker, 'admin').admin();
    await all.connect();
    await expect(all.listTopics().then((topics) => topics.sort())).resolves.toEqual([
      TOPIC,
      'secret',
    ]);
    await Promise.all([admin.disconnect(), all.disconnect()]);
  });

  it('refuses deleteTopics without DELETE; a super user may', async () => {
    const alice = client(broker, 'alice').admin();
    await alice.connect();
    const error = await failure(alice.deleteTopics({ topics: [TOPIC] }));
    expect(JSON.stringify(error)).toContain('TOPIC_AUTHORIZATION_FAILED');
    await alice.disconnect();

    const admin = client(broker, 'admin').admin();
    await admin.connect();
    await admin.deleteTopics({ topics: ['secret'] });
    await expect(admin.listTopics()).resolves.toEqual([TOPIC]);
    await admin.disconnect();
  });

  it('lets only a principal with ALTER/DESCRIBE on the cluster manage ACLs', async () => {
    const alice = client(broker, 'alice').admin();
    await alice.connect();
    const anyFilter = {
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    };
    expect((await failure(alice.describeAcls(anyFilter))).type).toBe(
      'CLUSTER_AUTHORIZATION_FAILED',
    );
    expect((await failure(alice.createAcls({ acl: ACLS }))).type).toBe(
      'CLUSTER_AUTHORIZATION_FAILED',
    );
    await alice.disconnect();

    const admin = client(broker, 'admin').admin();
    await admin.connect();
    const described = await admin.describeAcls({
      ...anyFilter,
      resourceType: AclResourceTypes.TOPIC,
      resourceName: 'acl-orders',
      resourcePatternType: ResourcePatternTypes.MATCH,
    });
    expect(described.resources).toEqual(
      expect.arrayContaining([
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: TOPIC,
          resourcePatternType: ResourcePatternTypes.LITERAL,
          acls: [
            {
              principal: 'User:alice',
              host: '*',
              operation: AclOperationTypes.WRITE,
              permissionType: AclPermissionTypes.ALLOW,
            },
          ],
        },
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: 'acl-',
          resourcePatternType: ResourcePatternTypes.PREFIXED,
          acls: [
            {
              principal: 'User:bob',
              host: '*',
              operation: AclOperationTypes.READ,
              permissionType: AclPermissionTypes.ALLOW,
            },
          ],
        },
      ]),
    );
    expect(described.resources).toHaveLength(2);
    await admin.disconnect();
  });

  it('gives an idempotent producer an id only with WRITE on some topic or IDEMPOTENT_WRITE', async () => {
    const alice = client(broker, 'alice').producer({ idempotent: true, retry: { retries: 1 } });
    await alice.connect();
    await alice.send({ topic: TOPIC, messages: [{ value: 'idempotent alice' }] });
    await alice.disconnect();
    const carol = client(broker, 'carol').producer({ idempotent: true, retry: { retries: 1 } });
    expect((await failure(carol.connect())).type).toBe('CLUSTER_AUTHORIZATION_FAILED');
    await carol.disconnect();
  });

  it('keeps the ACLs across a restart, and deletes them durably', async () => {
    await broker.close();
    broker = await start();
    // An ALLOW still grants after the restart: a lost ACL would refuse alice (nothing allowed).
    const writer = client(broker, 'alice').producer();
    await writer.connect();
    await writer.send({ topic: TOPIC, messages: [{ value: 'after restart' }] });
    await writer.disconnect();
    const bob = client(broker, 'bob').producer();
    await bob.connect();
    expect((await failure(bob.send({ topic: TOPIC, messages: [{ value: 'x' }] }))).type).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    await bob.disconnect();

    const admin = client(broker, 'admin').admin();
    await admin.connect();
    const deleted = await admin.deleteAcls({
      filters: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: TOPIC,
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: 'User:alice',
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        },
      ],
    });
    expect(deleted.filterResponses[0]?.matchingAcls).toHaveLength(1);
    await admin.disconnect();

    await broker.close();
    broker = await start();
    const alice = client(broker, 'alice').producer();
    await alice.connect();
    const error = await failure(alice.send({ topic: TOPIC, messages: [{ value: 'y' }] }));
    expect(error.type).toBe('TOPIC_AUTHORIZATION_FAILED');
    await alice.disconnect();
  });
});

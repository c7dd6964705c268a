import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  Kafka,
  logLevel,
  ResourcePatternTypes,
} from 'kafkajs';
import { TOPIC_PARTITIONS, topicConfigEntries } from '@fanout/contracts';
import { type KafkaCredential, kafkajsSasl } from './kafka-credentials';
import { type AclEntry, fanoutAcls, fanoutTopics } from './service-acls';

/**
 * Creates whichever Fanout topics (and dead-letter topics) are missing, as the operator: with
 * ACLs on, the services may not create topics, so the topics exist before they start, as compose's
 * init job and Strimzi's KafkaTopics make them exist elsewhere.
 */
export function createTopicsAsOperator(
  bootstrap: string,
  operator: KafkaCredential,
): Promise<string[]> {
  return asOperator(bootstrap, operator, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = fanoutTopics().filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS,
          // products is compacted; the contracts say which topic needs what.
          configEntries: topicConfigEntries(topic),
        })),
        waitForLeaders: true,
      });
    }
    return missing;
  });
}

/**
 * Adds the services' ACLs through the Kafka protocol (CreateAcls), as `kafka-acls --add` would:
 * for Apache Kafka, whose ACLs live in its metadata log. Adding an existing ACL is a no-op.
 */
export function createAclsAsOperator(
  bootstrap: string,
  operator: KafkaCredential,
  acls: readonly AclEntry[] = fanoutAcls(),
): Promise<void> {
  return asOperator(bootstrap, operator, async (admin) => {
    await admin.createAcls({
      acl: acls.map((acl) => ({
        resourceType: AclResourceTypes[acl.resourceType],
        resourceName: acl.resourceName,
        resourcePatternType: ResourcePatternTypes[acl.patternType],
        principal: acl.principal,
        host: acl.host,
        operation: AclOperationTypes[acl.operation],
        permissionType: AclPermissionTypes[acl.permissionType],
      })),
    });
  });
}

async function asOperator<T>(
  bootstrap: string,
  operator: KafkaCredential,
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const kafka = new Kafka({
    clientId: 'fanout-operator',
    brokers: [bootstrap],
    sasl: kafkajsSasl(operator),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

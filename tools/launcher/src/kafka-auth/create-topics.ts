import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_PARTITIONS, topicConfigEntries } from '@fanout/contracts';
import type { KafkaCredential } from './kafka-credentials';
import { fanoutTopics } from './service-acls';

/**
 * Creates whichever Fanout topics (and dead-letter topics) are missing, as the operator: with
 * ACLs on, the services may not create topics, so the topics exist before they start, as compose's
 * init job and Strimzi's KafkaTopics make them exist elsewhere.
 */
export async function createTopicsAsOperator(
  bootstrap: string,
  operator: KafkaCredential,
): Promise<string[]> {
  const kafka = new Kafka({
    clientId: 'fanout-launcher',
    brokers: [bootstrap],
    sasl: { mechanism: 'scram-sha-512', ...operator },
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
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
  } finally {
    await admin.disconnect();
  }
}

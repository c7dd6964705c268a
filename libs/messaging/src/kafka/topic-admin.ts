import { Inject, Injectable, Logger } from '@nestjs/common';
import { Kafka, Partitioners } from 'kafkajs';
import {
  deadLetterTopic,
  TOPIC_PARTITIONS,
  topicConfigEntries,
  topicNames,
} from '@fanout/contracts';

/**
 * Creates Fanout's topics (the NestJS Kafka server creates none) and knows their partition
 * counts, so the outbox relay can choose partitions itself and record each event's offset.
 */
@Injectable()
export class TopicAdmin {
  private readonly logger = new Logger(TopicAdmin.name);
  private readonly partitionCounts = new Map<string, number>();
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(@Inject(Kafka) private readonly kafka: Kafka) {}

  /** Idempotent: creates whichever of the topics and their dead-letter topics are missing. */
  async ensureTopics(topics: readonly string[] = topicNames): Promise<void> {
    const all = topics.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      // Asking first keeps a normal restart quiet: kafkajs logs TOPIC_ALREADY_EXISTS as an error.
      const existing = new Set(await admin.listTopics());
      const missing = all.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        // Another instance may create them at the same moment: createTopics tolerates that.
        await admin
          .createTopics({
            topics: missing.map((topic) => ({
              topic,
              numPartitions: TOPIC_PARTITIONS,
              // products is compacted; a dead-letter topic keeps the cluster's delete policy.
              configEntries: topicConfigEntries(topic),
            })),
            waitForLeaders: true,
          })
          .catch((error: unknown) => {
            if (!isAuthorizationFailure(error)) throw error;
            // With ACLs, topics are the operator's: say what is missing and who creates it.
            throw new Error(
              `topics ${missing.join(', ')} do not exist (or this service may not describe ` +
                "them), and its Kafka principal may not create them: create them as the cluster's " +
                "operator (npm start does; compose's init job and Strimzi's KafkaTopics elsewhere)",
              { cause: error },
            );
          });
      }
      this.logger.log({ msg: 'topics ready', created: missing });
      await this.loadPartitionCounts(admin, all);
    } finally {
      await admin.disconnect();
    }
  }

  /** The partition the default (Java-compatible, murmur2) partitioner assigns to `key`. */
  async partitionFor(topic: string, key: string): Promise<number> {
    let count = this.partitionCounts.get(topic);
    if (count === undefined) {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await this.loadPartitionCounts(admin, [topic]);
      } finally {
        await admin.disconnect();
      }
      count = this.partitionCounts.get(topic);
      if (count === undefined) {
        throw new Error(`topic ${topic} does not exist`);
      }
    }
    const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    }));
    return this.partitioner({ topic, partitionMetadata, message: { key, value: null } });
  }

  private async loadPartitionCounts(
    admin: ReturnType<Kafka['admin']>,
    topics: readonly string[],
  ): Promise<void> {
    const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
    for (const topic of metadata.topics) {
      this.partitionCounts.set(topic.name, topic.partitions.length);
    }
  }
}

/** A kafkajs error (or an aggregate of per-topic errors) saying the principal was refused. */
function isAuthorizationFailure(error: unknown): boolean {
  const refused = (e: unknown) =>
    /_AUTHORIZATION_FAILED$/.test(String((e as { type?: unknown } | null)?.type));
  const nested = (error as { errors?: unknown } | null)?.errors;
  return refused(error) || (Array.isArray(nested) && nested.some(refused));
}

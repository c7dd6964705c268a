import { ErrorCode } from '../../protocol/error-codes';
import { createTopicsApi, type CreateTopicsRequest } from '../../protocol/requests/create-topics';
import { NOT_AUTHORIZED } from '../access';
import type { BrokerContext } from '../broker-context';
import { configEntries, parseCleanupPolicy } from '../config-entries';
import { defineHandler, type RequestContext } from '../request-handler';

type CreatableTopic = CreateTopicsRequest['topics'][number];

const USE_BROKER_DEFAULT = -1;
const CLEANUP_POLICY = 'cleanup.policy';

export function createTopicsHandler(broker: BrokerContext) {
  /**
   * A topic takes the broker's settings but for cleanup.policy (delete or compact), so any other
   * config is accepted only when it asks for what the topic gets anyway; anything else would be
   * silently ignored otherwise.
   */
  const topicConfigProblem = (configs: CreatableTopic['configs']): string | undefined => {
    const effective = new Map(
      configEntries('topic', broker.config, broker.node()).map(({ name, value }) => [name, value]),
    );
    for (const { name, value } of configs) {
      if (name === CLEANUP_POLICY && value !== null) {
        if (parseCleanupPolicy(value)) continue;
        return `${name}=${value} is not supported: the embedded broker has 'delete' and 'compact'`;
      }
      const actual = effective.get(name);
      if (actual === undefined) {
        return `config '${name}' is not supported: the embedded broker has no per-topic configs`;
      }
      if (value !== null && value !== actual) {
        return `${name}=${value} differs from the broker's ${actual}: the embedded broker has no per-topic configs`;
      }
    }
    return undefined;
  };

  /** Why this topic cannot be created as asked, or undefined when it can. */
  const problem = (
    topic: CreatableTopic,
    duplicated: boolean,
    context: RequestContext,
  ): { errorCode: ErrorCode; errorMessage: string } | undefined => {
    const nameProblem = broker.topics.nameProblem(topic.name);
    if (duplicated) {
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'topic listed twice' };
    }
    // CREATE on the cluster, or on the topic, as in Kafka.
    if (!broker.access.mayCreateTopic(context, topic.name)) {
      return {
        errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
        errorMessage: NOT_AUTHORIZED,
      };
    }
    if (nameProblem) {
      return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: `name ${nameProblem}` };
    }
    if (topic.numPartitions !== USE_BROKER_DEFAULT && topic.numPartitions < 1) {
      return { errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: 'partitions must be >= 1' };
    }
    if (topic.replicationFactor !== USE_BROKER_DEFAULT && topic.replicationFactor !== 1) {
      return {
        errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
        errorMessage: 'a single broker holds one replica',
      };
    }
    if (topic.assignments.length > 0) {
      return {
        errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        errorMessage: 'manual replica assignment is not supported',
      };
    }
    // Existence first, as Kafka checks: kafkajs's createTopics is false, not an error, then.
    if (broker.store.topic(topic.name)) {
      return {
        errorCode: ErrorCode.TOPIC_ALREADY_EXISTS,
        errorMessage: `topic '${topic.name}' already exists`,
      };
    }
    const configProblem = topicConfigProblem(topic.configs);
    if (configProblem) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: configProblem };
    return undefined;
  };

  return defineHandler(createTopicsApi, async (request, context) => {
    const counts = new Map<string, number>();
    for (const { name } of request.topics) counts.set(name, (counts.get(name) ?? 0) + 1);
    return {
      throttleTimeMs: 0,
      topics: await Promise.all(
        request.topics.map(async (topic) => {
          const refused = problem(topic, (counts.get(topic.name) ?? 0) > 1, context);
          if (refused) return { name: topic.name, ...refused };
          if (!request.validateOnly) {
            const partitions =
              topic.numPartitions === USE_BROKER_DEFAULT
                ? broker.topics.defaultPartitions
                : topic.numPartitions;
            const cleanupPolicy = parseCleanupPolicy(
              topic.configs.find(({ name }) => name === CLEANUP_POLICY)?.value ?? null,
            );
            if (!(await broker.topics.create(topic.name, partitions, cleanupPolicy))) {
              return {
                name: topic.name,
                errorCode: ErrorCode.TOPIC_ALREADY_EXISTS,
                errorMessage: `topic '${topic.name}' already exists`,
              };
            }
          }
          return { name: topic.name, errorCode: ErrorCode.NONE, errorMessage: null };
        }),
      ),
    };
  });
}

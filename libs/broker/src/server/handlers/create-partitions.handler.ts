import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import {
  createPartitionsApi,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
} from '../../protocol/requests/create-partitions';
import { InvalidTopicError, MAX_PARTITIONS } from '../../storage';
import { NOT_AUTHORIZED } from '../access';
import type { BrokerContext } from '../broker-context';
import { defineHandler, type RequestContext } from '../request-handler';

type GrowTopic = CreatePartitionsRequest['topics'][number];
type TopicResult = CreatePartitionsResponse['results'][number];

/**
 * Grows topics (kafkajs `admin.createPartitions`). Refusals carry Kafka's error codes and, where
 * Kafka has one, its message, so tools that show the message read as they would against Kafka.
 */
export function createPartitionsHandler(broker: BrokerContext) {
  const refused = (name: string, errorCode: ErrorCode, errorMessage: string): TopicResult => ({
    name,
    errorCode,
    errorMessage,
  });

  const accepted = (name: string): TopicResult => ({
    name,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
  });

  /** Why the topic cannot grow as asked, or undefined when it can. */
  const problem = (topic: GrowTopic, context: RequestContext): TopicResult | undefined => {
    const { name, count, assignments } = topic;
    // ALTER on the topic, as in Kafka, checked before anything about the topic is revealed.
    if (!broker.access.topic(context, AclOperation.ALTER, name)) {
      return refused(name, ErrorCode.TOPIC_AUTHORIZATION_FAILED, NOT_AUTHORIZED);
    }
    const current = broker.store.topic(name)?.partitions;
    if (current === undefined) {
      return refused(
        name,
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        `The topic '${name}' does not exist.`,
      );
    }
    if (count === current) {
      return refused(
        name,
        ErrorCode.INVALID_PARTITIONS,
        `Topic already has ${current} partitions.`,
      );
    }
    if (count < current) {
      return refused(
        name,
        ErrorCode.INVALID_PARTITIONS,
        `Topic currently has ${current} partitions, which is higher than the requested ${count}.`,
      );
    }
    if (count > MAX_PARTITIONS) {
      return refused(
        name,
        ErrorCode.INVALID_PARTITIONS,
        `A topic has at most ${MAX_PARTITIONS} partitions, not ${count}.`,
      );
    }
    if (assignments !== null) return assignmentProblem(name, count - current, current, assignments);
    return undefined;
  };

  /** Assignments may only place each new partition's one replica on this broker. */
  const assignmentProblem = (
    name: string,
    adding: number,
    firstNew: number,
    assignments: NonNullable<GrowTopic['assignments']>,
  ): TopicResult | undefined => {
    if (assignments.length !== adding) {
      return refused(
        name,
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Increasing the number of partitions by ${adding} but ${assignments.length} assignments provided.`,
      );
    }
    const nodeId = broker.node().nodeId;
    const unknown = assignments.flatMap(({ brokerIds }) => brokerIds.filter((id) => id !== nodeId));
    if (unknown.length > 0) {
      return refused(
        name,
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Unknown broker(s) in replica assignment: ${[...new Set(unknown)].join(', ')}.`,
      );
    }
    const wrong = assignments.findIndex(({ brokerIds }) => brokerIds.length !== 1);
    if (wrong !== -1) {
      return refused(
        name,
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Partition ${firstNew + wrong} must have exactly one replica, on broker ${nodeId}.`,
      );
    }
    return undefined;
  };

  const grow = async ({ name, count }: GrowTopic): Promise<TopicResult> => {
    try {
      if (!(await broker.store.addPartitions(name, count))) {
        return refused(
          name,
          ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          `The topic '${name}' does not exist.`,
        );
      }
    } catch (error) {
      // Another request grew or changed the topic after it was checked.
      if (error instanceof InvalidTopicError) {
        return refused(name, ErrorCode.INVALID_PARTITIONS, error.message);
      }
      throw error;
    }
    return accepted(name);
  };

  return defineHandler(createPartitionsApi, async (request, context) => {
    const byName = new Map<string, { topic: GrowTopic; listed: number }>();
    for (const topic of request.topics) {
      const seen = byName.get(topic.name);
      if (seen) seen.listed++;
      else byName.set(topic.name, { topic, listed: 1 });
    }
    return {
      throttleTimeMs: 0,
      // Like Kafka, one result per topic name: a name listed twice is refused, once.
      results: await Promise.all(
        [...byName.values()].map(async ({ topic, listed }) => {
          if (listed > 1) {
            return refused(topic.name, ErrorCode.INVALID_REQUEST, 'Duplicate topic in request.');
          }
          const refusal = problem(topic, context);
          if (refusal) return refusal;
          if (request.validateOnly) return accepted(topic.name);
          return grow(topic);
        }),
      ),
    };
  });
}

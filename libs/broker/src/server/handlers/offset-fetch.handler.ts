import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import {
  offsetFetchApi,
  type OffsetFetchResponseTopic,
} from '../../protocol/requests/offset-fetch';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

const refusedTopic = (
  name: string,
  partitions: number[],
  errorCode: ErrorCode,
): OffsetFetchResponseTopic => ({
  name,
  partitions: partitions.map((partitionIndex) => ({
    partitionIndex,
    committedOffset: -1,
    metadata: '',
    errorCode,
  })),
});

/**
 * A group's committed offsets. As in Kafka, the principal needs DESCRIBE on the group (else
 * GROUP_AUTHORIZATION_FAILED, at the top level from v2 and on every partition asked for) and
 * DESCRIBE on each topic: a named topic it may not describe is TOPIC_AUTHORIZATION_FAILED, and
 * "all topics" leaves such topics out.
 */
export function offsetFetchHandler(broker: BrokerContext) {
  return defineHandler(offsetFetchApi, (request, context) => {
    if (!broker.access.group(context, AclOperation.DESCRIBE, request.groupId)) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
        topics: (request.topics ?? []).map((topic) =>
          refusedTopic(topic.name, topic.partitionIndexes, ErrorCode.GROUP_AUTHORIZATION_FAILED),
        ),
      };
    }
    const describable = (topic: string) =>
      broker.access.topic(context, AclOperation.DESCRIBE, topic);
    const wanted = request.topics?.filter((topic) => describable(topic.name)) ?? null;
    const offsets = broker.coordinator.fetchOffsets(
      request.groupId,
      wanted === null
        ? null
        : wanted.map((topic) => ({ topic: topic.name, partitions: topic.partitionIndexes })),
    );
    const topics = new Map<string, OffsetFetchResponseTopic>();
    for (const topic of request.topics ?? []) {
      if (!describable(topic.name)) {
        topics.set(
          topic.name,
          refusedTopic(topic.name, topic.partitionIndexes, ErrorCode.TOPIC_AUTHORIZATION_FAILED),
        );
      }
    }
    for (const offset of offsets) {
      if (request.topics === null && !describable(offset.topic)) continue;
      let topic = topics.get(offset.topic);
      if (!topic) topics.set(offset.topic, (topic = { name: offset.topic, partitions: [] }));
      topic.partitions.push({
        partitionIndex: offset.partition,
        committedOffset: offset.offset,
        metadata: offset.metadata,
        errorCode: offset.errorCode,
      });
    }
    return { throttleTimeMs: 0, topics: [...topics.values()], errorCode: ErrorCode.NONE };
  });
}

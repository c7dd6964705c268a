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
    // Named topics it may not describe are answered here, in request order, and not looked up.
    const topics = new Map<string, OffsetFetchResponseTopic>();
    let wanted: { topic: string; partitions: number[] }[] | null = null;
    if (request.topics !== null) {
      wanted = [];
      for (const { name, partitionIndexes } of request.topics) {
        if (describable(name)) wanted.push({ topic: name, partitions: partitionIndexes });
        else {
          topics.set(
            name,
            refusedTopic(name, partitionIndexes, ErrorCode.TOPIC_AUTHORIZATION_FAILED),
          );
        }
      }
    }
    const offsets = broker.coordinator.fetchOffsets(request.groupId, wanted);
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

import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import {
  offsetCommitApi,
  type OffsetCommitResponseTopic,
} from '../../protocol/requests/offset-commit';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/**
 * Commits through the coordinator. As in Kafka, the principal needs READ on the group (else every
 * partition is GROUP_AUTHORIZATION_FAILED) and READ on each topic (else that topic's partitions
 * are TOPIC_AUTHORIZATION_FAILED and only the others are committed).
 */
export function offsetCommitHandler(broker: BrokerContext) {
  return defineHandler(offsetCommitApi, async (request, context) => {
    const refusedWith = (errorCode: ErrorCode) => (topic: (typeof request.topics)[number]) => ({
      name: topic.name,
      partitions: topic.partitions.map(({ partitionIndex }) => ({ partitionIndex, errorCode })),
    });
    if (!broker.access.group(context, AclOperation.READ, request.groupId)) {
      return {
        throttleTimeMs: 0,
        topics: request.topics.map(refusedWith(ErrorCode.GROUP_AUTHORIZATION_FAILED)),
      };
    }
    const readable: typeof request.topics = [];
    const refused: OffsetCommitResponseTopic[] = [];
    for (const topic of request.topics) {
      if (broker.access.topic(context, AclOperation.READ, topic.name)) readable.push(topic);
      else refused.push(refusedWith(ErrorCode.TOPIC_AUTHORIZATION_FAILED)(topic));
    }
    const results = await broker.coordinator.commitOffsets({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      offsets: readable.flatMap((topic) =>
        topic.partitions.map((partition) => ({
          topic: topic.name,
          partition: partition.partitionIndex,
          offset: partition.committedOffset,
          metadata: partition.committedMetadata,
        })),
      ),
    });
    const topics = new Map<string, OffsetCommitResponseTopic>();
    for (const result of results) {
      let topic = topics.get(result.topic);
      if (!topic) topics.set(result.topic, (topic = { name: result.topic, partitions: [] }));
      topic.partitions.push({ partitionIndex: result.partition, errorCode: result.errorCode });
    }
    return { throttleTimeMs: 0, topics: [...topics.values(), ...refused] };
  });
}

import {
  offsetCommitApi,
  type OffsetCommitResponseTopic,
} from '../../protocol/requests/offset-commit';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

export function offsetCommitHandler(broker: BrokerContext) {
  return defineHandler(offsetCommitApi, async (request) => {
    const results = await broker.coordinator.commitOffsets({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      offsets: request.topics.flatMap((topic) =>
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
    return { throttleTimeMs: 0, topics: [...topics.values()] };
  });
}

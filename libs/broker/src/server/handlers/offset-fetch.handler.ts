import { ErrorCode } from '../../protocol/error-codes';
import {
  offsetFetchApi,
  type OffsetFetchResponseTopic,
} from '../../protocol/requests/offset-fetch';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

export function offsetFetchHandler(broker: BrokerContext) {
  return defineHandler(offsetFetchApi, (request) => {
    const offsets = broker.coordinator.fetchOffsets(
      request.groupId,
      request.topics === null
        ? null
        : request.topics.map((topic) => ({
            topic: topic.name,
            partitions: topic.partitionIndexes,
          })),
    );
    const topics = new Map<string, OffsetFetchResponseTopic>();
    for (const offset of offsets) {
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

import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { listOffsetsApi } from '../../protocol/requests/list-offsets';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

const LATEST = -1;
const EARLIEST = -2;

export function listOffsetsHandler(broker: BrokerContext) {
  return defineHandler(listOffsetsApi, async (request, context) => ({
    throttleTimeMs: 0,
    topics: await Promise.all(
      request.topics.map(async (topic) => {
        const describable = broker.access.topic(context, AclOperation.DESCRIBE, topic.name);
        return {
          name: topic.name,
          partitions: await Promise.all(
            topic.partitions.map(async ({ partitionIndex, timestamp }) => {
              if (!describable) {
                return {
                  partitionIndex,
                  errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
                  timestamp: -1,
                  offset: -1,
                };
              }
              const log = broker.store.partition(topic.name, partitionIndex);
              if (!log) {
                return {
                  partitionIndex,
                  errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                  timestamp: -1,
                  offset: -1,
                };
              }
              const offset =
                timestamp === LATEST
                  ? log.highWatermark()
                  : timestamp === EARLIEST
                    ? log.logStartOffset()
                    : await log.offsetForTimestamp(timestamp);
              return { partitionIndex, errorCode: ErrorCode.NONE, timestamp: -1, offset };
            }),
          ),
        };
      }),
    ),
  }));
}

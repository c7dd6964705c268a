import { ErrorCode } from '../../protocol/error-codes';
import { deleteTopicsApi } from '../../protocol/requests/delete-topics';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** Deletes the topics' logs and then every group's committed offsets for them. */
export function deleteTopicsHandler(broker: BrokerContext) {
  return defineHandler(deleteTopicsApi, async (request) => ({
    throttleTimeMs: 0,
    responses: await Promise.all(
      request.topicNames.map(async (name) => {
        if (!(await broker.store.deleteTopic(name))) {
          return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        }
        await broker.coordinator.deleteTopicOffsets(name);
        return { name, errorCode: ErrorCode.NONE };
      }),
    ),
  }));
}

import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { deleteTopicsApi } from '../../protocol/requests/delete-topics';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/**
 * Deletes the topics' logs and then every group's committed offsets for them. As in Kafka, a
 * topic the principal may not DESCRIBE is TOPIC_AUTHORIZATION_FAILED whether it exists or not;
 * one it may describe but not DELETE is TOPIC_AUTHORIZATION_FAILED once it is known to exist.
 */
export function deleteTopicsHandler(broker: BrokerContext) {
  return defineHandler(deleteTopicsApi, async (request, context) => ({
    throttleTimeMs: 0,
    responses: await Promise.all(
      request.topicNames.map(async (name) => {
        const refused = { name, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED };
        if (!broker.access.topic(context, AclOperation.DESCRIBE, name)) return refused;
        if (!broker.store.topic(name)) {
          return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        }
        if (!broker.access.topic(context, AclOperation.DELETE, name)) return refused;
        if (!(await broker.store.deleteTopic(name))) {
          return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        }
        await broker.coordinator.deleteTopicOffsets(name);
        return { name, errorCode: ErrorCode.NONE };
      }),
    ),
  }));
}

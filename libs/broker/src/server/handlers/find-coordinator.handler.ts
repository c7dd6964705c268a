import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { CoordinatorKeyType, findCoordinatorApi } from '../../protocol/requests/find-coordinator';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/**
 * This broker coordinates every group; transactions have no coordinator here. Finding a group's
 * coordinator needs DESCRIBE on the group, as in Kafka.
 */
export function findCoordinatorHandler(broker: BrokerContext) {
  return defineHandler(findCoordinatorApi, (request, context) => {
    const node = broker.node();
    if (
      request.keyType === CoordinatorKeyType.Group &&
      !broker.access.group(context, AclOperation.DESCRIBE, request.key)
    ) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
        errorMessage: null,
        nodeId: -1,
        host: '',
        port: -1,
      };
    }
    if (request.keyType !== CoordinatorKeyType.Group) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
        errorMessage: 'transactions are not supported by this broker',
        nodeId: -1,
        host: '',
        port: -1,
      };
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      nodeId: node.nodeId,
      host: node.host,
      port: node.port,
    };
  });
}

import { ErrorCode } from '../../protocol/error-codes';
import { CoordinatorKeyType, findCoordinatorApi } from '../../protocol/requests/find-coordinator';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** This broker coordinates every group; transactions have no coordinator here. */
export function findCoordinatorHandler(broker: BrokerContext) {
  return defineHandler(findCoordinatorApi, (request) => {
    const node = broker.node();
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

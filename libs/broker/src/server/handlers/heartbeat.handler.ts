import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { heartbeatApi } from '../../protocol/requests/heartbeat';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** Needs READ on the group (GROUP_AUTHORIZATION_FAILED otherwise). */
export function heartbeatHandler(broker: BrokerContext) {
  return defineHandler(heartbeatApi, (request, context) => ({
    throttleTimeMs: 0,
    errorCode: broker.access.group(context, AclOperation.READ, request.groupId)
      ? broker.coordinator.heartbeat(
          request.groupId,
          request.generationId,
          request.memberId,
          request.groupInstanceId,
        )
      : ErrorCode.GROUP_AUTHORIZATION_FAILED,
  }));
}

import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { syncGroupApi } from '../../protocol/requests/sync-group';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** Needs READ on the group (GROUP_AUTHORIZATION_FAILED otherwise). */
export function syncGroupHandler(broker: BrokerContext) {
  return defineHandler(syncGroupApi, async (request, context) => {
    if (!broker.access.group(context, AclOperation.READ, request.groupId)) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
        assignment: Buffer.alloc(0),
      };
    }
    const result = await broker.coordinator.syncGroup({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
      assignments: request.assignments,
    });
    return { throttleTimeMs: 0, errorCode: result.errorCode, assignment: result.assignment };
  });
}

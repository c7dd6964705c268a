import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { leaveGroupApi } from '../../protocol/requests/leave-group';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** Needs READ on the group (GROUP_AUTHORIZATION_FAILED otherwise). */
export function leaveGroupHandler(broker: BrokerContext) {
  return defineHandler(leaveGroupApi, (request, context) => {
    if (!broker.access.group(context, AclOperation.READ, request.groupId)) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
        members: [],
      };
    }
    const result = broker.coordinator.leaveGroup(request.groupId, request.members);
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      members: result.members.map((member, i) => ({
        memberId: member.memberId,
        groupInstanceId: request.members[i]?.groupInstanceId ?? null,
        errorCode: member.errorCode,
      })),
    };
  });
}

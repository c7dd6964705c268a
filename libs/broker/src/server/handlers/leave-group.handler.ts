import { leaveGroupApi } from '../../protocol/requests/leave-group';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

export function leaveGroupHandler(broker: BrokerContext) {
  return defineHandler(leaveGroupApi, (request) => {
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

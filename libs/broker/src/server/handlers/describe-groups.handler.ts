import { describeGroupsApi } from '../../protocol/requests/describe-groups';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

export function describeGroupsHandler(broker: BrokerContext) {
  return defineHandler(describeGroupsApi, (request) => ({
    throttleTimeMs: 0,
    groups: request.groups.map((groupId) => {
      const group = broker.coordinator.describeGroup(groupId);
      return {
        errorCode: group.errorCode,
        groupId: group.groupId,
        groupState: group.state,
        protocolType: group.protocolType,
        protocolData: group.protocol,
        members: group.members.map((member) => ({
          memberId: member.memberId,
          clientId: member.clientId,
          clientHost: member.clientHost,
          memberMetadata: member.metadata,
          memberAssignment: member.assignment,
        })),
      };
    }),
  }));
}

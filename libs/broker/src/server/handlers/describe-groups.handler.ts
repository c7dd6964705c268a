import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { describeGroupsApi } from '../../protocol/requests/describe-groups';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** Each group needs DESCRIBE (GROUP_AUTHORIZATION_FAILED for that group otherwise). */
export function describeGroupsHandler(broker: BrokerContext) {
  return defineHandler(describeGroupsApi, (request, context) => ({
    throttleTimeMs: 0,
    groups: request.groups.map((groupId) => {
      if (!broker.access.group(context, AclOperation.DESCRIBE, groupId)) {
        return {
          errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
          groupId,
          groupState: '',
          protocolType: '',
          protocolData: '',
          members: [],
        };
      }
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

import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { deleteGroupsApi } from '../../protocol/requests/delete-groups';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/**
 * Deletes groups without members, with their committed offsets; one result per group. Each needs
 * DELETE on the group (GROUP_AUTHORIZATION_FAILED otherwise).
 */
export function deleteGroupsHandler(broker: BrokerContext) {
  return defineHandler(deleteGroupsApi, async (request, context) => {
    const allowed: string[] = [];
    const refused: { groupId: string; errorCode: ErrorCode }[] = [];
    for (const groupId of request.groupsNames) {
      if (broker.access.group(context, AclOperation.DELETE, groupId)) allowed.push(groupId);
      else refused.push({ groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED });
    }
    const deleted = await broker.coordinator.deleteGroups(allowed);
    return { throttleTimeMs: 0, results: [...deleted, ...refused] };
  });
}

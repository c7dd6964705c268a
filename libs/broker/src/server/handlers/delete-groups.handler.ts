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
    const allowed = request.groupsNames.filter((group) =>
      broker.access.group(context, AclOperation.DELETE, group),
    );
    const deleted = await broker.coordinator.deleteGroups(allowed);
    return {
      throttleTimeMs: 0,
      results: [
        ...deleted,
        ...request.groupsNames
          .filter((group) => !allowed.includes(group))
          .map((groupId) => ({ groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED })),
      ],
    };
  });
}

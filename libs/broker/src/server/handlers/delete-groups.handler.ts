import { deleteGroupsApi } from '../../protocol/requests/delete-groups';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** Deletes groups without members, with their committed offsets; one result per group. */
export function deleteGroupsHandler(broker: BrokerContext) {
  return defineHandler(deleteGroupsApi, async (request) => ({
    throttleTimeMs: 0,
    results: await broker.coordinator.deleteGroups(request.groupsNames),
  }));
}

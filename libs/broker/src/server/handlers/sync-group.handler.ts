import { syncGroupApi } from '../../protocol/requests/sync-group';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

export function syncGroupHandler(broker: BrokerContext) {
  return defineHandler(syncGroupApi, async (request) => {
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

import { ErrorCode } from '../../protocol/error-codes';
import { listGroupsApi } from '../../protocol/requests/list-groups';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

export function listGroupsHandler(broker: BrokerContext) {
  return defineHandler(listGroupsApi, () => ({
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    groups: broker.coordinator.listGroups(),
  }));
}

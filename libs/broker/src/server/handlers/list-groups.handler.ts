import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { listGroupsApi } from '../../protocol/requests/list-groups';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/**
 * Every group for a principal with DESCRIBE on the cluster; otherwise, as in Kafka, only the
 * groups it may DESCRIBE (no error).
 */
export function listGroupsHandler(broker: BrokerContext) {
  return defineHandler(listGroupsApi, (_request, context) => {
    const groups = broker.coordinator.listGroups();
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: broker.access.cluster(context, AclOperation.DESCRIBE)
        ? groups
        : groups.filter(({ groupId }) =>
            broker.access.group(context, AclOperation.DESCRIBE, groupId),
          ),
    };
  });
}

import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { joinGroupApi } from '../../protocol/requests/join-group';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/**
 * Held by the coordinator until the rebalance completes; then answered like Kafka does. Joining
 * needs READ on the group (GROUP_AUTHORIZATION_FAILED otherwise).
 */
export function joinGroupHandler(broker: BrokerContext) {
  return defineHandler(joinGroupApi, async (request, context) => {
    if (!broker.access.group(context, AclOperation.READ, request.groupId)) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
        generationId: -1,
        protocolName: '',
        leader: '',
        memberId: request.memberId,
        members: [],
      };
    }
    const result = await broker.coordinator.joinGroup({
      groupId: request.groupId,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: request.rebalanceTimeoutMs,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
      protocolType: request.protocolType,
      protocols: request.protocols,
      clientId: context.clientId ?? '',
      clientHost: `/${context.clientHost}`,
      // KIP-394: from v4 a first join is answered MEMBER_ID_REQUIRED with the id to use.
      requireKnownMemberId: context.apiVersion >= 4,
    });
    return { throttleTimeMs: 0, ...result };
  });
}

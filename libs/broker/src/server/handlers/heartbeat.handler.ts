import { heartbeatApi } from '../../protocol/requests/heartbeat';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

export function heartbeatHandler(broker: BrokerContext) {
  return defineHandler(heartbeatApi, (request) => ({
    throttleTimeMs: 0,
    errorCode: broker.coordinator.heartbeat(
      request.groupId,
      request.generationId,
      request.memberId,
      request.groupInstanceId,
    ),
  }));
}

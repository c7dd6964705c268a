import { ErrorCode } from '../../protocol/error-codes';
import { initProducerIdApi } from '../../protocol/requests/init-producer-id';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

/** Idempotent producers get a fresh id; transactional ones are refused (no transactions here). */
export function initProducerIdHandler(broker: BrokerContext) {
  return defineHandler(initProducerIdApi, async (request) => {
    if (request.transactionalId !== null) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.INVALID_REQUEST,
        producerId: -1,
        producerEpoch: -1,
      };
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      producerId: await broker.store.allocateProducerId(),
      producerEpoch: 0,
    };
  });
}

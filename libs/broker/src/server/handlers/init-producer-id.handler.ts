import { AclOperation, AclResourceType } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { initProducerIdApi } from '../../protocol/requests/init-producer-id';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

const refused = (errorCode: ErrorCode) => ({
  throttleTimeMs: 0,
  errorCode,
  producerId: -1,
  producerEpoch: -1,
});

/**
 * Idempotent producers get a fresh id; transactional ones are refused (no transactions here).
 * As in Kafka, an idempotent producer needs IDEMPOTENT_WRITE on the cluster or, since KIP-679,
 * WRITE on any topic (CLUSTER_AUTHORIZATION_FAILED otherwise); a transactional id needs WRITE
 * on it (TRANSACTIONAL_ID_AUTHORIZATION_FAILED) before it is refused for being one.
 */
export function initProducerIdHandler(broker: BrokerContext) {
  return defineHandler(initProducerIdApi, async (request, context) => {
    const { access } = broker;
    if (request.transactionalId !== null) {
      return refused(
        access.allows(
          context,
          AclOperation.WRITE,
          AclResourceType.TRANSACTIONAL_ID,
          request.transactionalId,
        )
          ? ErrorCode.INVALID_REQUEST
          : ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
      );
    }
    if (
      !access.cluster(context, AclOperation.IDEMPOTENT_WRITE) &&
      !access.allowsAny(context, AclOperation.WRITE, AclResourceType.TOPIC)
    ) {
      return refused(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      producerId: await broker.store.allocateProducerId(),
      producerEpoch: 0,
    };
  });
}

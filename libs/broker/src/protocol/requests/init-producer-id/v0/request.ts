// InitProducerId Request (Version: 0) => transactional_id transaction_timeout_ms
//   transactional_id => NULLABLE_STRING
//   transaction_timeout_ms => INT32

import { int32, nullableString, struct } from '../../../primitives';

export const initProducerIdRequestV0Fields = {
  /** null for an idempotent (non-transactional) producer. */
  transactionalId: nullableString,
  transactionTimeoutMs: int32,
};

export const initProducerIdRequestV0 = struct(initProducerIdRequestV0Fields);

// InitProducerId Request (Version: 1) => transactional_id transaction_timeout_ms
//   transactional_id => NULLABLE_STRING
//   transaction_timeout_ms => INT32

import { struct } from '../../../primitives';
import { initProducerIdRequestV0Fields } from '../v0/request';

export const initProducerIdRequestV1Fields = initProducerIdRequestV0Fields;

export const initProducerIdRequestV1 = struct(initProducerIdRequestV1Fields);

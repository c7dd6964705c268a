// InitProducerId Response (Version: 1) => throttle_time_ms error_code producer_id producer_epoch
//   throttle_time_ms => INT32
//   error_code => INT16
//   producer_id => INT64
//   producer_epoch => INT16

import { struct } from '../../../primitives';
import { initProducerIdResponseV0Fields } from '../v0/response';

export const initProducerIdResponseV1Fields = initProducerIdResponseV0Fields;

export const initProducerIdResponseV1 = struct(initProducerIdResponseV1Fields);

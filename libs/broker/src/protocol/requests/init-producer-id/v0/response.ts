// InitProducerId Response (Version: 0) => throttle_time_ms error_code producer_id producer_epoch
//   throttle_time_ms => INT32
//   error_code => INT16
//   producer_id => INT64
//   producer_epoch => INT16

import { int16, int32, int64, struct } from '../../../primitives';

export const initProducerIdResponseV0Fields = {
  throttleTimeMs: int32,
  errorCode: int16,
  producerId: int64,
  producerEpoch: int16,
};

export const initProducerIdResponseV0 = struct(initProducerIdResponseV0Fields);

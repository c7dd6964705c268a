// Produce Response (Version: 3) => [responses] throttle_time_ms
//   responses => name [partition_responses]
//     name => STRING
//     partition_responses => index error_code base_offset log_append_time_ms
//       index => INT32
//       error_code => INT16
//       base_offset => INT64
//       log_append_time_ms => INT64
//   throttle_time_ms => INT32

import { array, int16, int32, int64, string, struct } from '../../../primitives';

export const produceResponseV3Fields = {
  responses: array(
    struct({
      name: string,
      partitionResponses: array(
        struct({
          index: int32,
          errorCode: int16,
          baseOffset: int64,
          logAppendTimeMs: int64,
        }),
      ),
    }),
  ),
  throttleTimeMs: int32,
};

export const produceResponseV3 = struct(produceResponseV3Fields);

// Produce Response (Version: 5) => [responses] throttle_time_ms
//   responses => name [partition_responses]
//     name => STRING
//     partition_responses => index error_code base_offset log_append_time_ms log_start_offset
//       index => INT32
//       error_code => INT16
//       base_offset => INT64
//       log_append_time_ms => INT64
//       log_start_offset => INT64
//   throttle_time_ms => INT32

import { array, int16, int32, int64, string, struct } from '../../../primitives';
import { produceResponseV4Fields } from '../v4/response';

export const produceResponseV5Fields = {
  ...produceResponseV4Fields,
  responses: array(
    struct({
      name: string,
      partitionResponses: array(
        struct({
          index: int32,
          errorCode: int16,
          baseOffset: int64,
          logAppendTimeMs: int64,
          logStartOffset: int64,
        }),
      ),
    }),
  ),
};

export const produceResponseV5 = struct(produceResponseV5Fields);

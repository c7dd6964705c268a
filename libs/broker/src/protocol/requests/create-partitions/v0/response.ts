// CreatePartitions Response (Version: 0) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => name error_code error_message
//     name => STRING
//     error_code => INT16
//     error_message => NULLABLE_STRING

import { array, int16, int32, nullableString, string, struct } from '../../../primitives';

export const createPartitionsResponseV0Fields = {
  throttleTimeMs: int32,
  results: array(
    struct({
      name: string,
      errorCode: int16,
      errorMessage: nullableString,
    }),
  ),
};

export const createPartitionsResponseV0 = struct(createPartitionsResponseV0Fields);

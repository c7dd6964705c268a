// OffsetFetch Response (Version: 3) => throttle_time_ms [topics] error_code
//   throttle_time_ms => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index committed_offset metadata error_code
//       partition_index => INT32
//       committed_offset => INT64
//       metadata => NULLABLE_STRING
//       error_code => INT16
//   error_code => INT16

import { int32, struct } from '../../../primitives';
import { offsetFetchResponseV2Fields } from '../v2/response';

export const offsetFetchResponseV3Fields = {
  throttleTimeMs: int32,
  ...offsetFetchResponseV2Fields,
};

export const offsetFetchResponseV3 = struct(offsetFetchResponseV3Fields);

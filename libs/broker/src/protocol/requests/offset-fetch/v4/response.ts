// OffsetFetch Response (Version: 4) => throttle_time_ms [topics] error_code
//   throttle_time_ms => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index committed_offset metadata error_code
//       partition_index => INT32
//       committed_offset => INT64
//       metadata => NULLABLE_STRING
//       error_code => INT16
//   error_code => INT16

import { struct } from '../../../primitives';
import { offsetFetchResponseV3Fields } from '../v3/response';

export const offsetFetchResponseV4Fields = offsetFetchResponseV3Fields;

export const offsetFetchResponseV4 = struct(offsetFetchResponseV4Fields);

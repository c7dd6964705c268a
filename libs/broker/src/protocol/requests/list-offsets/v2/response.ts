// ListOffsets Response (Version: 2) => throttle_time_ms [topics]
//   throttle_time_ms => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index error_code timestamp offset
//       partition_index => INT32
//       error_code => INT16
//       timestamp => INT64
//       offset => INT64

import { int32, struct } from '../../../primitives';
import { listOffsetsResponseV1Fields } from '../v1/response';

export const listOffsetsResponseV2Fields = {
  throttleTimeMs: int32,
  ...listOffsetsResponseV1Fields,
};

export const listOffsetsResponseV2 = struct(listOffsetsResponseV2Fields);

// ListOffsets Response (Version: 3) => throttle_time_ms [topics]
//   throttle_time_ms => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index error_code timestamp offset
//       partition_index => INT32
//       error_code => INT16
//       timestamp => INT64
//       offset => INT64

import { struct } from '../../../primitives';
import { listOffsetsResponseV2Fields } from '../v2/response';

export const listOffsetsResponseV3Fields = listOffsetsResponseV2Fields;

export const listOffsetsResponseV3 = struct(listOffsetsResponseV3Fields);

// OffsetCommit Response (Version: 4) => throttle_time_ms [topics]
//   throttle_time_ms => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index error_code
//       partition_index => INT32
//       error_code => INT16

import { struct } from '../../../primitives';
import { offsetCommitResponseV3Fields } from '../v3/response';

export const offsetCommitResponseV4Fields = offsetCommitResponseV3Fields;

export const offsetCommitResponseV4 = struct(offsetCommitResponseV4Fields);

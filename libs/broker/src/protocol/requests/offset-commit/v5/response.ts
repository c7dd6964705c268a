// OffsetCommit Response (Version: 5) => throttle_time_ms [topics]
//   throttle_time_ms => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index error_code
//       partition_index => INT32
//       error_code => INT16

import { struct } from '../../../primitives';
import { offsetCommitResponseV4Fields } from '../v4/response';

export const offsetCommitResponseV5Fields = offsetCommitResponseV4Fields;

export const offsetCommitResponseV5 = struct(offsetCommitResponseV5Fields);

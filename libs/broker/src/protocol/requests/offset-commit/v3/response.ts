// OffsetCommit Response (Version: 3) => throttle_time_ms [topics]
//   throttle_time_ms => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index error_code
//       partition_index => INT32
//       error_code => INT16

import { int32, struct } from '../../../primitives';
import { offsetCommitResponseV2Fields } from '../v2/response';

export const offsetCommitResponseV3Fields = {
  throttleTimeMs: int32,
  ...offsetCommitResponseV2Fields,
};

export const offsetCommitResponseV3 = struct(offsetCommitResponseV3Fields);

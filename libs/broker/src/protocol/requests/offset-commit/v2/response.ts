// OffsetCommit Response (Version: 2) => [topics]
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index error_code
//       partition_index => INT32
//       error_code => INT16

import { array, int16, int32, string, struct } from '../../../primitives';

export const offsetCommitResponseV2Fields = {
  topics: array(
    struct({
      name: string,
      partitions: array(
        struct({
          partitionIndex: int32,
          errorCode: int16,
        }),
      ),
    }),
  ),
};

export const offsetCommitResponseV2 = struct(offsetCommitResponseV2Fields);

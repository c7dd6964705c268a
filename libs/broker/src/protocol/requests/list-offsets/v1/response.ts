// ListOffsets Response (Version: 1) => [topics]
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index error_code timestamp offset
//       partition_index => INT32
//       error_code => INT16
//       timestamp => INT64
//       offset => INT64

import { array, int16, int32, int64, string, struct } from '../../../primitives';

export const listOffsetsResponseV1Fields = {
  topics: array(
    struct({
      name: string,
      partitions: array(
        struct({
          partitionIndex: int32,
          errorCode: int16,
          timestamp: int64,
          offset: int64,
        }),
      ),
    }),
  ),
};

export const listOffsetsResponseV1 = struct(listOffsetsResponseV1Fields);

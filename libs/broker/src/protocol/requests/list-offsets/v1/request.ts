// ListOffsets Request (Version: 1) => replica_id [topics]
//   replica_id => INT32
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index timestamp
//       partition_index => INT32
//       timestamp => INT64

import { absent, array, int32, int64, string, struct } from '../../../primitives';

export const listOffsetsRequestV1Fields = {
  replicaId: int32,
  isolationLevel: absent(0),
  topics: array(
    struct({
      name: string,
      partitions: array(
        struct({
          partitionIndex: int32,
          /** -1: the high watermark; -2: the log start offset; else the first offset at or after it. */
          timestamp: int64,
        }),
      ),
    }),
  ),
};

export const listOffsetsRequestV1 = struct(listOffsetsRequestV1Fields);

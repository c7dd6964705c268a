// ListOffsets Request (Version: 2) => replica_id isolation_level [topics]
//   replica_id => INT32
//   isolation_level => INT8
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index timestamp
//       partition_index => INT32
//       timestamp => INT64

import { int8, struct } from '../../../primitives';
import { listOffsetsRequestV1Fields } from '../v1/request';

export const listOffsetsRequestV2Fields = {
  ...listOffsetsRequestV1Fields,
  isolationLevel: int8,
};

export const listOffsetsRequestV2 = struct(listOffsetsRequestV2Fields);

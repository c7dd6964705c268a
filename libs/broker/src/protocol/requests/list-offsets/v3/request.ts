// ListOffsets Request (Version: 3) => replica_id isolation_level [topics]
//   replica_id => INT32
//   isolation_level => INT8
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index timestamp
//       partition_index => INT32
//       timestamp => INT64

import { struct } from '../../../primitives';
import { listOffsetsRequestV2Fields } from '../v2/request';

export const listOffsetsRequestV3Fields = listOffsetsRequestV2Fields;

export const listOffsetsRequestV3 = struct(listOffsetsRequestV3Fields);

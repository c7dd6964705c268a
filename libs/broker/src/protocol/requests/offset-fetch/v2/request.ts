// OffsetFetch Request (Version: 2) => group_id [topics]
//   group_id => STRING
//   topics => name [partition_indexes]
//     name => STRING
//     partition_indexes => INT32
//   (topics may be null, v2+: every topic the group has committed offsets for)

import { array, int32, nullableArray, string, struct } from '../../../primitives';

export const offsetFetchRequestV2Fields = {
  groupId: string,
  topics: nullableArray(
    struct({
      name: string,
      partitionIndexes: array(int32),
    }),
  ),
};

export const offsetFetchRequestV2 = struct(offsetFetchRequestV2Fields);

// OffsetFetch Request (Version: 1) => group_id [topics]
//   group_id => STRING
//   topics => name [partition_indexes]
//     name => STRING
//     partition_indexes => INT32

import { array, int32, string, struct } from '../../../primitives';

export const offsetFetchRequestV1Fields = {
  groupId: string,
  topics: array(
    struct({
      name: string,
      partitionIndexes: array(int32),
    }),
  ),
};

export const offsetFetchRequestV1 = struct(offsetFetchRequestV1Fields);

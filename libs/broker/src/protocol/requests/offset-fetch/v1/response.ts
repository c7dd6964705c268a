// OffsetFetch Response (Version: 1) => [topics]
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index committed_offset metadata error_code
//       partition_index => INT32
//       committed_offset => INT64
//       metadata => NULLABLE_STRING
//       error_code => INT16

import { array, int16, int32, int64, nullableString, string, struct } from '../../../primitives';

export const offsetFetchResponseV1Fields = {
  topics: array(
    struct({
      name: string,
      partitions: array(
        struct({
          partitionIndex: int32,
          committedOffset: int64,
          metadata: nullableString,
          errorCode: int16,
        }),
      ),
    }),
  ),
};

export const offsetFetchResponseV1 = struct(offsetFetchResponseV1Fields);

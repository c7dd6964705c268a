// OffsetFetch Response (Version: 2) => [topics] error_code
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index committed_offset metadata error_code
//       partition_index => INT32
//       committed_offset => INT64
//       metadata => NULLABLE_STRING
//       error_code => INT16
//   error_code => INT16

import { int16, struct } from '../../../primitives';
import { offsetFetchResponseV1Fields } from '../v1/response';

export const offsetFetchResponseV2Fields = {
  ...offsetFetchResponseV1Fields,
  errorCode: int16,
};

export const offsetFetchResponseV2 = struct(offsetFetchResponseV2Fields);

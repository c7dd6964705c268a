// CreatePartitions Response (Version: 1) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => name error_code error_message
//     name => STRING
//     error_code => INT16
//     error_message => NULLABLE_STRING
//
// Same bytes as v0; v1 only tells the client the broker answers before throttling (KIP-219).

import { struct } from '../../../primitives';
import { createPartitionsResponseV0Fields } from '../v0/response';

export const createPartitionsResponseV1Fields = createPartitionsResponseV0Fields;

export const createPartitionsResponseV1 = struct(createPartitionsResponseV1Fields);

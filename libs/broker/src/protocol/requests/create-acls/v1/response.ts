// CreateAcls Response (Version: 1) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => error_code error_message
//     error_code => INT16
//     error_message => NULLABLE_STRING
//
// Same grammar as v0; v1 only tells the client the broker answers before throttling (KIP-219).

import { struct } from '../../../primitives';
import { createAclsResponseV0Fields } from '../v0/response';

export const createAclsResponseV1 = struct(createAclsResponseV0Fields);

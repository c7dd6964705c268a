// CreateAcls Response (Version: 0) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => error_code error_message
//     error_code => INT16
//     error_message => NULLABLE_STRING

import { array, int16, int32, nullableString, struct } from '../../../primitives';

export const createAclsResponseV0Fields = {
  throttleTimeMs: int32,
  results: array(struct({ errorCode: int16, errorMessage: nullableString })),
};

export const createAclsResponseV0 = struct(createAclsResponseV0Fields);

// DeleteTopics Response (Version: 1) => throttle_time_ms [responses]
//   throttle_time_ms => INT32
//   responses => name error_code
//     name => STRING
//     error_code => INT16

import { int32, struct } from '../../../primitives';
import { deleteTopicsResponseV0Fields } from '../v0/response';

export const deleteTopicsResponseV1Fields = {
  throttleTimeMs: int32,
  ...deleteTopicsResponseV0Fields,
};

export const deleteTopicsResponseV1 = struct(deleteTopicsResponseV1Fields);

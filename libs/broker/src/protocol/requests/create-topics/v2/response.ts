// CreateTopics Response (Version: 2) => throttle_time_ms [topics]
//   throttle_time_ms => INT32
//   topics => name error_code error_message
//     name => STRING
//     error_code => INT16
//     error_message => NULLABLE_STRING

import { int32, struct } from '../../../primitives';
import { createTopicsResponseV1Fields } from '../v1/response';

export const createTopicsResponseV2Fields = {
  throttleTimeMs: int32,
  ...createTopicsResponseV1Fields,
};

export const createTopicsResponseV2 = struct(createTopicsResponseV2Fields);

// CreateTopics Response (Version: 3) => throttle_time_ms [topics]
//   throttle_time_ms => INT32
//   topics => name error_code error_message
//     name => STRING
//     error_code => INT16
//     error_message => NULLABLE_STRING

import { struct } from '../../../primitives';
import { createTopicsResponseV2Fields } from '../v2/response';

export const createTopicsResponseV3Fields = createTopicsResponseV2Fields;

export const createTopicsResponseV3 = struct(createTopicsResponseV3Fields);

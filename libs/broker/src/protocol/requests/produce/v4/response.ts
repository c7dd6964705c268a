// Produce Response (Version: 4) => [responses] throttle_time_ms
//   responses => name [partition_responses]
//     name => STRING
//     partition_responses => index error_code base_offset log_append_time_ms
//       index => INT32
//       error_code => INT16
//       base_offset => INT64
//       log_append_time_ms => INT64
//   throttle_time_ms => INT32

import { struct } from '../../../primitives';
import { produceResponseV3Fields } from '../v3/response';

export const produceResponseV4Fields = produceResponseV3Fields;

export const produceResponseV4 = struct(produceResponseV4Fields);

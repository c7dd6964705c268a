// Produce Response (Version: 7) => [responses] throttle_time_ms
//   responses => name [partition_responses]
//     name => STRING
//     partition_responses => index error_code base_offset log_append_time_ms log_start_offset
//       index => INT32
//       error_code => INT16
//       base_offset => INT64
//       log_append_time_ms => INT64
//       log_start_offset => INT64
//   throttle_time_ms => INT32

import { struct } from '../../../primitives';
import { produceResponseV6Fields } from '../v6/response';

export const produceResponseV7Fields = produceResponseV6Fields;

export const produceResponseV7 = struct(produceResponseV7Fields);

// Fetch Response (Version: 9) => throttle_time_ms error_code session_id [responses]
//   throttle_time_ms => INT32
//   error_code => INT16
//   session_id => INT32
//   responses => topic [partitions]
//     topic => STRING
//     partitions => partition_index error_code high_watermark last_stable_offset log_start_offset [aborted_transactions] records
//       partition_index => INT32
//       error_code => INT16
//       high_watermark => INT64
//       last_stable_offset => INT64
//       log_start_offset => INT64
//       aborted_transactions (nullable) => producer_id first_offset
//         producer_id => INT64
//         first_offset => INT64
//       records => RECORDS

import { struct } from '../../../primitives';
import { fetchResponseV8Fields } from '../v8/response';

export const fetchResponseV9Fields = fetchResponseV8Fields;

export const fetchResponseV9 = struct(fetchResponseV9Fields);

// Fetch Response (Version: 6) => throttle_time_ms [responses]
//   throttle_time_ms => INT32
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
import { fetchResponseV5Fields } from '../v5/response';

export const fetchResponseV6Fields = fetchResponseV5Fields;

export const fetchResponseV6 = struct(fetchResponseV6Fields);

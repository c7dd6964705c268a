// Fetch Request (Version: 6) => replica_id max_wait_ms min_bytes max_bytes isolation_level [topics]
//   replica_id => INT32
//   max_wait_ms => INT32
//   min_bytes => INT32
//   max_bytes => INT32
//   isolation_level => INT8
//   topics => topic [partitions]
//     topic => STRING
//     partitions => partition fetch_offset log_start_offset partition_max_bytes
//       partition => INT32
//       fetch_offset => INT64
//       log_start_offset => INT64
//       partition_max_bytes => INT32

import { struct } from '../../../primitives';
import { fetchRequestV5Fields } from '../v5/request';

export const fetchRequestV6Fields = fetchRequestV5Fields;

export const fetchRequestV6 = struct(fetchRequestV6Fields);

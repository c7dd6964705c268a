// Fetch Request (Version: 10) => replica_id max_wait_ms min_bytes max_bytes isolation_level session_id session_epoch [topics] [forgotten_topics_data]
//   replica_id => INT32
//   max_wait_ms => INT32
//   min_bytes => INT32
//   max_bytes => INT32
//   isolation_level => INT8
//   session_id => INT32
//   session_epoch => INT32
//   topics => topic [partitions]
//     topic => STRING
//     partitions => partition current_leader_epoch fetch_offset log_start_offset partition_max_bytes
//       partition => INT32
//       current_leader_epoch => INT32
//       fetch_offset => INT64
//       log_start_offset => INT64
//       partition_max_bytes => INT32
//   forgotten_topics_data => topic [partitions]
//     topic => STRING
//     partitions => INT32

import { struct } from '../../../primitives';
import { fetchRequestV9Fields } from '../v9/request';

export const fetchRequestV10Fields = fetchRequestV9Fields;

export const fetchRequestV10 = struct(fetchRequestV10Fields);

// Fetch Request (Version: 7) => replica_id max_wait_ms min_bytes max_bytes isolation_level session_id session_epoch [topics] [forgotten_topics_data]
//   replica_id => INT32
//   max_wait_ms => INT32
//   min_bytes => INT32
//   max_bytes => INT32
//   isolation_level => INT8
//   session_id => INT32
//   session_epoch => INT32
//   topics => topic [partitions]
//     topic => STRING
//     partitions => partition fetch_offset log_start_offset partition_max_bytes
//       partition => INT32
//       fetch_offset => INT64
//       log_start_offset => INT64
//       partition_max_bytes => INT32
//   forgotten_topics_data => topic [partitions]
//     topic => STRING
//     partitions => INT32

import { array, int32, string, struct } from '../../../primitives';
import { fetchRequestV6Fields } from '../v6/request';

export const fetchRequestV7Fields = {
  ...fetchRequestV6Fields,
  sessionId: int32,
  sessionEpoch: int32,
  forgottenTopicsData: array(
    struct({
      topic: string,
      partitions: array(int32),
    }),
  ),
};

export const fetchRequestV7 = struct(fetchRequestV7Fields);

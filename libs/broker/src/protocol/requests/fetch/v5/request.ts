// Fetch Request (Version: 5) => replica_id max_wait_ms min_bytes max_bytes isolation_level [topics]
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

import { absent, array, int32, int64, string, struct } from '../../../primitives';
import { fetchRequestV4Fields } from '../v4/request';

export const fetchRequestV5Fields = {
  ...fetchRequestV4Fields,
  topics: array(
    struct({
      topic: string,
      partitions: array(
        struct({
          partition: int32,
          currentLeaderEpoch: absent(-1),
          fetchOffset: int64,
          logStartOffset: int64,
          partitionMaxBytes: int32,
        }),
      ),
    }),
  ),
};

export const fetchRequestV5 = struct(fetchRequestV5Fields);

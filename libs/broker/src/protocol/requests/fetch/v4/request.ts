// Fetch Request (Version: 4) => replica_id max_wait_ms min_bytes max_bytes isolation_level [topics]
//   replica_id => INT32
//   max_wait_ms => INT32
//   min_bytes => INT32
//   max_bytes => INT32
//   isolation_level => INT8
//   topics => topic [partitions]
//     topic => STRING
//     partitions => partition fetch_offset partition_max_bytes
//       partition => INT32
//       fetch_offset => INT64
//       partition_max_bytes => INT32

import {
  absent,
  absentArray,
  array,
  int32,
  int64,
  int8,
  string,
  struct,
} from '../../../primitives';

export const fetchRequestV4Fields = {
  replicaId: int32,
  maxWaitMs: int32,
  minBytes: int32,
  maxBytes: int32,
  isolationLevel: int8,
  sessionId: absent(0),
  sessionEpoch: absent(-1),
  topics: array(
    struct({
      topic: string,
      partitions: array(
        struct({
          partition: int32,
          currentLeaderEpoch: absent(-1),
          fetchOffset: int64,
          logStartOffset: absent(-1),
          partitionMaxBytes: int32,
        }),
      ),
    }),
  ),
  forgottenTopicsData: absentArray<{ topic: string; partitions: number[] }>(),
  rackId: absent(''),
};

export const fetchRequestV4 = struct(fetchRequestV4Fields);

// Fetch Response (Version: 11) => throttle_time_ms error_code session_id [responses]
//   throttle_time_ms => INT32
//   error_code => INT16
//   session_id => INT32
//   responses => topic [partitions]
//     topic => STRING
//     partitions => partition_index error_code high_watermark last_stable_offset log_start_offset [aborted_transactions] preferred_read_replica records
//       partition_index => INT32
//       error_code => INT16
//       high_watermark => INT64
//       last_stable_offset => INT64
//       log_start_offset => INT64
//       aborted_transactions (nullable) => producer_id first_offset
//         producer_id => INT64
//         first_offset => INT64
//       preferred_read_replica => INT32
//       records => RECORDS

import {
  array,
  int16,
  int32,
  int64,
  nullableArray,
  recordChunks,
  string,
  struct,
} from '../../../primitives';
import { fetchAbortedTransaction } from '../v4/response';
import { fetchResponseV10Fields } from '../v10/response';

export const fetchResponseV11Fields = {
  ...fetchResponseV10Fields,
  responses: array(
    struct({
      topic: string,
      partitions: array(
        struct({
          partitionIndex: int32,
          errorCode: int16,
          highWatermark: int64,
          lastStableOffset: int64,
          logStartOffset: int64,
          abortedTransactions: nullableArray(fetchAbortedTransaction),
          preferredReadReplica: int32,
          records: recordChunks,
        }),
      ),
    }),
  ),
};

export const fetchResponseV11 = struct(fetchResponseV11Fields);

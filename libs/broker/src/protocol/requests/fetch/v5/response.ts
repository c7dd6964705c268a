// Fetch Response (Version: 5) => throttle_time_ms [responses]
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
import { fetchAbortedTransaction, fetchResponseV4Fields } from '../v4/response';

export const fetchResponseV5Fields = {
  ...fetchResponseV4Fields,
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
          records: recordChunks,
        }),
      ),
    }),
  ),
};

export const fetchResponseV5 = struct(fetchResponseV5Fields);

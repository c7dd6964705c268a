// Fetch Response (Version: 4) => throttle_time_ms [responses]
//   throttle_time_ms => INT32
//   responses => topic [partitions]
//     topic => STRING
//     partitions => partition_index error_code high_watermark last_stable_offset [aborted_transactions] records
//       partition_index => INT32
//       error_code => INT16
//       high_watermark => INT64
//       last_stable_offset => INT64
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

export const fetchAbortedTransaction = struct({
  producerId: int64,
  firstOffset: int64,
});

export const fetchResponseV4Fields = {
  throttleTimeMs: int32,
  responses: array(
    struct({
      topic: string,
      partitions: array(
        struct({
          partitionIndex: int32,
          errorCode: int16,
          highWatermark: int64,
          lastStableOffset: int64,
          abortedTransactions: nullableArray(fetchAbortedTransaction),
          /** Stored record batches, attached to the response without a copy. */
          records: recordChunks,
        }),
      ),
    }),
  ),
};

export const fetchResponseV4 = struct(fetchResponseV4Fields);

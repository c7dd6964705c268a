// Produce Request (Version: 3) => transactional_id acks timeout_ms [topic_data]
//   transactional_id => NULLABLE_STRING
//   acks => INT16
//   timeout_ms => INT32
//   topic_data => name [partition_data]
//     name => STRING
//     partition_data => index records
//       index => INT32
//       records => RECORDS

import { array, int16, int32, nullableString, records, string, struct } from '../../../primitives';

export const produceRequestV3Fields = {
  transactionalId: nullableString,
  acks: int16,
  timeoutMs: int32,
  topicData: array(
    struct({
      name: string,
      partitionData: array(
        struct({
          index: int32,
          /** Record batches as a slice of the request frame: stored without a copy. */
          records,
        }),
      ),
    }),
  ),
};

export const produceRequestV3 = struct(produceRequestV3Fields);

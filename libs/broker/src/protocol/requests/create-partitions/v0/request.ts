// CreatePartitions Request (Version: 0) => [topics] timeout_ms validate_only
//   topics => name count [assignments]
//     name => STRING
//     count => INT32
//     assignments => [broker_ids]
//       broker_ids => INT32
//   timeout_ms => INT32
//   validate_only => BOOLEAN
//
// assignments is nullable (kafkajs and librdkafka send null, not [], when none are given).

import { array, boolean, int32, nullableArray, string, struct } from '../../../primitives';

export const createPartitionsRequestV0Fields = {
  topics: array(
    struct({
      name: string,
      /** The new total partition count, not the number to add. */
      count: int32,
      /** One entry per new partition: the brokers holding its replicas. */
      assignments: nullableArray(
        struct({
          brokerIds: array(int32),
        }),
      ),
    }),
  ),
  timeoutMs: int32,
  validateOnly: boolean,
};

export const createPartitionsRequestV0 = struct(createPartitionsRequestV0Fields);

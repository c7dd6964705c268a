// CreateTopics Request (Version: 0) => [topics] timeout_ms
//   topics => name num_partitions replication_factor [assignments] [configs]
//     name => STRING
//     num_partitions => INT32
//     replication_factor => INT16
//     assignments => partition_index [broker_ids]
//       partition_index => INT32
//       broker_ids => INT32
//     configs => name value
//       name => STRING
//       value => NULLABLE_STRING
//   timeout_ms => INT32

import { absent, array, int16, int32, nullableString, string, struct } from '../../../primitives';

export const createTopicsRequestV0Fields = {
  topics: array(
    struct({
      name: string,
      /** -1: the broker's default (kafkajs sends -1 unless told otherwise). */
      numPartitions: int32,
      /** -1: the broker's default. */
      replicationFactor: int16,
      assignments: array(
        struct({
          partitionIndex: int32,
          brokerIds: array(int32),
        }),
      ),
      configs: array(
        struct({
          name: string,
          value: nullableString,
        }),
      ),
    }),
  ),
  timeoutMs: int32,
  validateOnly: absent(false),
};

export const createTopicsRequestV0 = struct(createTopicsRequestV0Fields);

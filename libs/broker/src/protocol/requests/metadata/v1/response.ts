// Metadata Response (Version: 1) => [brokers] controller_id [topics]
//   brokers => node_id host port rack
//     node_id => INT32
//     host => STRING
//     port => INT32
//     rack => NULLABLE_STRING
//   controller_id => INT32
//   topics => error_code name is_internal [partitions]
//     error_code => INT16
//     name => STRING
//     is_internal => BOOLEAN
//     partitions => error_code partition_index leader_id [replica_nodes] [isr_nodes]
//       error_code => INT16
//       partition_index => INT32
//       leader_id => INT32
//       replica_nodes => INT32
//       isr_nodes => INT32

import { array, boolean, int16, int32, nullableString, string, struct } from '../../../primitives';

export const metadataResponseV1Fields = {
  brokers: array(
    struct({
      nodeId: int32,
      host: string,
      port: int32,
      rack: nullableString,
    }),
  ),
  controllerId: int32,
  topics: array(
    struct({
      errorCode: int16,
      name: string,
      isInternal: boolean,
      partitions: array(
        struct({
          errorCode: int16,
          partitionIndex: int32,
          leaderId: int32,
          replicaNodes: array(int32),
          isrNodes: array(int32),
        }),
      ),
    }),
  ),
};

export const metadataResponseV1 = struct(metadataResponseV1Fields);

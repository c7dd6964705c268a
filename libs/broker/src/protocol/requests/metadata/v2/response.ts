// Metadata Response (Version: 2) => [brokers] cluster_id controller_id [topics]
//   brokers => node_id host port rack
//     node_id => INT32
//     host => STRING
//     port => INT32
//     rack => NULLABLE_STRING
//   cluster_id => NULLABLE_STRING
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

import { nullableString, struct } from '../../../primitives';
import { metadataResponseV1Fields } from '../v1/response';

export const metadataResponseV2Fields = {
  brokers: metadataResponseV1Fields.brokers,
  clusterId: nullableString,
  controllerId: metadataResponseV1Fields.controllerId,
  topics: metadataResponseV1Fields.topics,
};

export const metadataResponseV2 = struct(metadataResponseV2Fields);

// Metadata Response (Version: 3) => throttle_time_ms [brokers] cluster_id controller_id [topics]
//   throttle_time_ms => INT32
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

import { int32, struct } from '../../../primitives';
import { metadataResponseV2Fields } from '../v2/response';

export const metadataResponseV3Fields = {
  throttleTimeMs: int32,
  ...metadataResponseV2Fields,
};

export const metadataResponseV3 = struct(metadataResponseV3Fields);

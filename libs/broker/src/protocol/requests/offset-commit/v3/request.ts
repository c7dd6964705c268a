// OffsetCommit Request (Version: 3) => group_id generation_id member_id retention_time_ms [topics]
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING
//   retention_time_ms => INT64
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index committed_offset committed_metadata
//       partition_index => INT32
//       committed_offset => INT64
//       committed_metadata => NULLABLE_STRING

import { struct } from '../../../primitives';
import { offsetCommitRequestV2Fields } from '../v2/request';

export const offsetCommitRequestV3Fields = offsetCommitRequestV2Fields;

export const offsetCommitRequestV3 = struct(offsetCommitRequestV3Fields);

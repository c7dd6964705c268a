// OffsetCommit Request (Version: 5) => group_id generation_id member_id [topics]
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING
//   topics => name [partitions]
//     name => STRING
//     partitions => partition_index committed_offset committed_metadata
//       partition_index => INT32
//       committed_offset => INT64
//       committed_metadata => NULLABLE_STRING

import { absent, int32, string, struct } from '../../../primitives';
import { offsetCommitRequestV4Fields } from '../v4/request';

export const offsetCommitRequestV5Fields = {
  groupId: string,
  generationId: int32,
  memberId: string,
  // v5 dropped per-request retention: the broker's own retention applies.
  retentionTimeMs: absent<number>(-1),
  topics: offsetCommitRequestV4Fields.topics,
};

export const offsetCommitRequestV5 = struct(offsetCommitRequestV5Fields);

// SyncGroup Request (Version: 3) => group_id generation_id member_id group_instance_id [assignments]
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING
//   group_instance_id => NULLABLE_STRING
//   assignments => member_id assignment
//     member_id => STRING
//     assignment => BYTES

import { int32, nullableString, string, struct } from '../../../primitives';
import { syncGroupRequestV2Fields } from '../v2/request';

export const syncGroupRequestV3Fields = {
  groupId: string,
  generationId: int32,
  memberId: string,
  groupInstanceId: nullableString,
  assignments: syncGroupRequestV2Fields.assignments,
};

export const syncGroupRequestV3 = struct(syncGroupRequestV3Fields);

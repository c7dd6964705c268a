// SyncGroup Request (Version: 0) => group_id generation_id member_id [assignments]
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING
//   assignments => member_id assignment
//     member_id => STRING
//     assignment => BYTES

import { absent, array, bytes, int32, string, struct } from '../../../primitives';

export const syncGroupRequestV0Fields = {
  groupId: string,
  generationId: int32,
  memberId: string,
  groupInstanceId: absent<string | null>(null),
  assignments: array(
    struct({
      memberId: string,
      assignment: bytes,
    }),
  ),
};

export const syncGroupRequestV0 = struct(syncGroupRequestV0Fields);

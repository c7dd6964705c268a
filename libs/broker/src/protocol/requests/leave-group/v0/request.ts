// LeaveGroup Request (Version: 0) => group_id member_id
//   group_id => STRING
//   member_id => STRING

import { string, struct } from '../../../primitives';

export const leaveGroupRequestV0Fields = {
  groupId: string,
  memberId: string,
};

export const leaveGroupRequestV0 = struct(leaveGroupRequestV0Fields);

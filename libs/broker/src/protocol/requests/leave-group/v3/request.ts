// LeaveGroup Request (Version: 3) => group_id [members]
//   group_id => STRING
//   members => member_id group_instance_id
//     member_id => STRING
//     group_instance_id => NULLABLE_STRING

import { array, nullableString, string, struct } from '../../../primitives';

export const leaveGroupRequestV3Fields = {
  groupId: string,
  members: array(
    struct({
      memberId: string,
      groupInstanceId: nullableString,
    }),
  ),
};

export const leaveGroupRequestV3 = struct(leaveGroupRequestV3Fields);

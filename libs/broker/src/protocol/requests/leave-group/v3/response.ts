// LeaveGroup Response (Version: 3) => throttle_time_ms error_code [members]
//   throttle_time_ms => INT32
//   error_code => INT16
//   members => member_id group_instance_id error_code
//     member_id => STRING
//     group_instance_id => NULLABLE_STRING
//     error_code => INT16

import { array, int16, nullableString, string, struct } from '../../../primitives';
import { leaveGroupResponseV2Fields } from '../v2/response';

export const leaveGroupResponseV3Fields = {
  ...leaveGroupResponseV2Fields,
  members: array(
    struct({
      memberId: string,
      groupInstanceId: nullableString,
      errorCode: int16,
    }),
  ),
};

export const leaveGroupResponseV3 = struct(leaveGroupResponseV3Fields);

// LeaveGroup Response (Version: 1) => throttle_time_ms error_code
//   throttle_time_ms => INT32
//   error_code => INT16

import { int32, struct } from '../../../primitives';
import { leaveGroupResponseV0Fields } from '../v0/response';

export const leaveGroupResponseV1Fields = {
  throttleTimeMs: int32,
  ...leaveGroupResponseV0Fields,
};

export const leaveGroupResponseV1 = struct(leaveGroupResponseV1Fields);

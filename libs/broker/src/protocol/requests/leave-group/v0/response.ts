// LeaveGroup Response (Version: 0) => error_code
//   error_code => INT16

import { int16, struct } from '../../../primitives';

export const leaveGroupResponseV0Fields = {
  errorCode: int16,
};

export const leaveGroupResponseV0 = struct(leaveGroupResponseV0Fields);

// LeaveGroup Response (Version: 2) => throttle_time_ms error_code
//   throttle_time_ms => INT32
//   error_code => INT16

import { struct } from '../../../primitives';
import { leaveGroupResponseV1Fields } from '../v1/response';

export const leaveGroupResponseV2Fields = leaveGroupResponseV1Fields;

export const leaveGroupResponseV2 = struct(leaveGroupResponseV2Fields);

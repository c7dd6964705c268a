// Heartbeat Response (Version: 3) => throttle_time_ms error_code
//   throttle_time_ms => INT32
//   error_code => INT16

import { struct } from '../../../primitives';
import { heartbeatResponseV2Fields } from '../v2/response';

export const heartbeatResponseV3Fields = heartbeatResponseV2Fields;

export const heartbeatResponseV3 = struct(heartbeatResponseV3Fields);

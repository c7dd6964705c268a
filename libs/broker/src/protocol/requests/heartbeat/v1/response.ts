// Heartbeat Response (Version: 1) => throttle_time_ms error_code
//   throttle_time_ms => INT32
//   error_code => INT16

import { int32, struct } from '../../../primitives';
import { heartbeatResponseV0Fields } from '../v0/response';

export const heartbeatResponseV1Fields = {
  throttleTimeMs: int32,
  ...heartbeatResponseV0Fields,
};

export const heartbeatResponseV1 = struct(heartbeatResponseV1Fields);

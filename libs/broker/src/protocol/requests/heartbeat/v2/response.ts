// Heartbeat Response (Version: 2) => throttle_time_ms error_code
//   throttle_time_ms => INT32
//   error_code => INT16

import { struct } from '../../../primitives';
import { heartbeatResponseV1Fields } from '../v1/response';

export const heartbeatResponseV2Fields = heartbeatResponseV1Fields;

export const heartbeatResponseV2 = struct(heartbeatResponseV2Fields);

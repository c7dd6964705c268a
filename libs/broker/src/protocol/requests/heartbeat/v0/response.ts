// Heartbeat Response (Version: 0) => error_code
//   error_code => INT16

import { int16, struct } from '../../../primitives';

export const heartbeatResponseV0Fields = {
  errorCode: int16,
};

export const heartbeatResponseV0 = struct(heartbeatResponseV0Fields);

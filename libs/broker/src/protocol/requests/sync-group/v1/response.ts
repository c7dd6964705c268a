// SyncGroup Response (Version: 1) => throttle_time_ms error_code assignment
//   throttle_time_ms => INT32
//   error_code => INT16
//   assignment => BYTES

import { int32, struct } from '../../../primitives';
import { syncGroupResponseV0Fields } from '../v0/response';

export const syncGroupResponseV1Fields = {
  throttleTimeMs: int32,
  ...syncGroupResponseV0Fields,
};

export const syncGroupResponseV1 = struct(syncGroupResponseV1Fields);

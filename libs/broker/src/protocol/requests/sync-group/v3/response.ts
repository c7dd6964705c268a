// SyncGroup Response (Version: 3) => throttle_time_ms error_code assignment
//   throttle_time_ms => INT32
//   error_code => INT16
//   assignment => BYTES

import { struct } from '../../../primitives';
import { syncGroupResponseV2Fields } from '../v2/response';

export const syncGroupResponseV3Fields = syncGroupResponseV2Fields;

export const syncGroupResponseV3 = struct(syncGroupResponseV3Fields);

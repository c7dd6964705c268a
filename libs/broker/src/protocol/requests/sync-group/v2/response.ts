// SyncGroup Response (Version: 2) => throttle_time_ms error_code assignment
//   throttle_time_ms => INT32
//   error_code => INT16
//   assignment => BYTES

import { struct } from '../../../primitives';
import { syncGroupResponseV1Fields } from '../v1/response';

export const syncGroupResponseV2Fields = syncGroupResponseV1Fields;

export const syncGroupResponseV2 = struct(syncGroupResponseV2Fields);

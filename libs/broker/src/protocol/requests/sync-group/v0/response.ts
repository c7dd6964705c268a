// SyncGroup Response (Version: 0) => error_code assignment
//   error_code => INT16
//   assignment => BYTES

import { bytes, int16, struct } from '../../../primitives';

export const syncGroupResponseV0Fields = {
  errorCode: int16,
  assignment: bytes,
};

export const syncGroupResponseV0 = struct(syncGroupResponseV0Fields);

// DeleteGroups Response (Version: 0) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => group_id error_code
//     group_id => STRING
//     error_code => INT16

import { array, int16, int32, string, struct } from '../../../primitives';

export const deleteGroupsResponseV0Fields = {
  throttleTimeMs: int32,
  results: array(
    struct({
      groupId: string,
      errorCode: int16,
    }),
  ),
};

export const deleteGroupsResponseV0 = struct(deleteGroupsResponseV0Fields);

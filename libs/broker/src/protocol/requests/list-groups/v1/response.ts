// ListGroups Response (Version: 1) => throttle_time_ms error_code [groups]
//   throttle_time_ms => INT32
//   error_code => INT16
//   groups => group_id protocol_type
//     group_id => STRING
//     protocol_type => STRING

import { int32, struct } from '../../../primitives';
import { listGroupsResponseV0Fields } from '../v0/response';

export const listGroupsResponseV1Fields = {
  throttleTimeMs: int32,
  ...listGroupsResponseV0Fields,
};

export const listGroupsResponseV1 = struct(listGroupsResponseV1Fields);

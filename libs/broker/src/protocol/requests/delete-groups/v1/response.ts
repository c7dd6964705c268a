// DeleteGroups Response (Version: 1) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => group_id error_code
//     group_id => STRING
//     error_code => INT16
//
// Same grammar as v0; v1 only tells the client the broker answers before throttling (KIP-219).

import { struct } from '../../../primitives';
import { deleteGroupsResponseV0Fields } from '../v0/response';

export const deleteGroupsResponseV1Fields = deleteGroupsResponseV0Fields;

export const deleteGroupsResponseV1 = struct(deleteGroupsResponseV1Fields);

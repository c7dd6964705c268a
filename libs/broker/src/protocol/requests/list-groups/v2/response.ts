// ListGroups Response (Version: 2) => throttle_time_ms error_code [groups]
//   throttle_time_ms => INT32
//   error_code => INT16
//   groups => group_id protocol_type
//     group_id => STRING
//     protocol_type => STRING

import { struct } from '../../../primitives';
import { listGroupsResponseV1Fields } from '../v1/response';

export const listGroupsResponseV2Fields = listGroupsResponseV1Fields;

export const listGroupsResponseV2 = struct(listGroupsResponseV2Fields);

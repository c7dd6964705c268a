// DescribeGroups Response (Version: 1) => throttle_time_ms [groups]
//   throttle_time_ms => INT32
//   groups => error_code group_id group_state protocol_type protocol_data [members]
//     error_code => INT16
//     group_id => STRING
//     group_state => STRING
//     protocol_type => STRING
//     protocol_data => STRING
//     members => member_id client_id client_host member_metadata member_assignment
//       member_id => STRING
//       client_id => STRING
//       client_host => STRING
//       member_metadata => BYTES
//       member_assignment => BYTES

import { int32, struct } from '../../../primitives';
import { describeGroupsResponseV0Fields } from '../v0/response';

export const describeGroupsResponseV1Fields = {
  throttleTimeMs: int32,
  ...describeGroupsResponseV0Fields,
};

export const describeGroupsResponseV1 = struct(describeGroupsResponseV1Fields);

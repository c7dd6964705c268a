// DescribeGroups Response (Version: 2) => throttle_time_ms [groups]
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

import { struct } from '../../../primitives';
import { describeGroupsResponseV1Fields } from '../v1/response';

export const describeGroupsResponseV2Fields = describeGroupsResponseV1Fields;

export const describeGroupsResponseV2 = struct(describeGroupsResponseV2Fields);

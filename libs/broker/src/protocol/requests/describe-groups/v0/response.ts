// DescribeGroups Response (Version: 0) => [groups]
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

import { array, bytes, int16, string, struct } from '../../../primitives';

export const describeGroupsResponseV0Fields = {
  groups: array(
    struct({
      errorCode: int16,
      groupId: string,
      groupState: string,
      protocolType: string,
      protocolData: string,
      members: array(
        struct({
          memberId: string,
          clientId: string,
          clientHost: string,
          memberMetadata: bytes,
          memberAssignment: bytes,
        }),
      ),
    }),
  ),
};

export const describeGroupsResponseV0 = struct(describeGroupsResponseV0Fields);

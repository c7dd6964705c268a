// ListGroups Response (Version: 0) => error_code [groups]
//   error_code => INT16
//   groups => group_id protocol_type
//     group_id => STRING
//     protocol_type => STRING

import { array, int16, string, struct } from '../../../primitives';

export const listGroupsResponseV0Fields = {
  errorCode: int16,
  groups: array(
    struct({
      groupId: string,
      protocolType: string,
    }),
  ),
};

export const listGroupsResponseV0 = struct(listGroupsResponseV0Fields);

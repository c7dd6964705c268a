// JoinGroup Request (Version: 0) => group_id session_timeout_ms member_id protocol_type [protocols]
//   group_id => STRING
//   session_timeout_ms => INT32
//   member_id => STRING
//   protocol_type => STRING
//   protocols => name metadata
//     name => STRING
//     metadata => BYTES

import { array, bytes, int32, string, struct } from '../../../primitives';

export const joinGroupRequestV0Fields = {
  groupId: string,
  sessionTimeoutMs: int32,
  memberId: string,
  protocolType: string,
  protocols: array(
    struct({
      name: string,
      metadata: bytes,
    }),
  ),
};

export const joinGroupRequestV0 = struct(joinGroupRequestV0Fields);

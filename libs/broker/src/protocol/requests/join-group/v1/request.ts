// JoinGroup Request (Version: 1) => group_id session_timeout_ms rebalance_timeout_ms member_id protocol_type [protocols]
//   group_id => STRING
//   session_timeout_ms => INT32
//   rebalance_timeout_ms => INT32
//   member_id => STRING
//   protocol_type => STRING
//   protocols => name metadata
//     name => STRING
//     metadata => BYTES

import { absent, int32, string, struct } from '../../../primitives';
import { joinGroupRequestV0Fields } from '../v0/request';

export const joinGroupRequestV1Fields = {
  groupId: string,
  sessionTimeoutMs: int32,
  rebalanceTimeoutMs: int32,
  memberId: string,
  groupInstanceId: absent<string | null>(null),
  protocolType: string,
  protocols: joinGroupRequestV0Fields.protocols,
};

export const joinGroupRequestV1 = struct(joinGroupRequestV1Fields);

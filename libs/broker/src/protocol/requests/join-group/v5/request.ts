// JoinGroup Request (Version: 5) => group_id session_timeout_ms rebalance_timeout_ms member_id group_instance_id protocol_type [protocols]
//   group_id => STRING
//   session_timeout_ms => INT32
//   rebalance_timeout_ms => INT32
//   member_id => STRING
//   group_instance_id => NULLABLE_STRING
//   protocol_type => STRING
//   protocols => name metadata
//     name => STRING
//     metadata => BYTES

import { int32, nullableString, string, struct } from '../../../primitives';
import { joinGroupRequestV4Fields } from '../v4/request';

export const joinGroupRequestV5Fields = {
  groupId: string,
  sessionTimeoutMs: int32,
  rebalanceTimeoutMs: int32,
  memberId: string,
  groupInstanceId: nullableString,
  protocolType: string,
  protocols: joinGroupRequestV4Fields.protocols,
};

export const joinGroupRequestV5 = struct(joinGroupRequestV5Fields);

// JoinGroup Request (Version: 4) => group_id session_timeout_ms rebalance_timeout_ms member_id protocol_type [protocols]
//   group_id => STRING
//   session_timeout_ms => INT32
//   rebalance_timeout_ms => INT32
//   member_id => STRING
//   protocol_type => STRING
//   protocols => name metadata
//     name => STRING
//     metadata => BYTES

import { struct } from '../../../primitives';
import { joinGroupRequestV3Fields } from '../v3/request';

export const joinGroupRequestV4Fields = joinGroupRequestV3Fields;

export const joinGroupRequestV4 = struct(joinGroupRequestV4Fields);

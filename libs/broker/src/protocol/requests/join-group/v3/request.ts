// JoinGroup Request (Version: 3) => group_id session_timeout_ms rebalance_timeout_ms member_id protocol_type [protocols]
//   group_id => STRING
//   session_timeout_ms => INT32
//   rebalance_timeout_ms => INT32
//   member_id => STRING
//   protocol_type => STRING
//   protocols => name metadata
//     name => STRING
//     metadata => BYTES

import { struct } from '../../../primitives';
import { joinGroupRequestV2Fields } from '../v2/request';

export const joinGroupRequestV3Fields = joinGroupRequestV2Fields;

export const joinGroupRequestV3 = struct(joinGroupRequestV3Fields);

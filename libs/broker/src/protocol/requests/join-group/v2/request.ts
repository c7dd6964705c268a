// JoinGroup Request (Version: 2) => group_id session_timeout_ms rebalance_timeout_ms member_id protocol_type [protocols]
//   group_id => STRING
//   session_timeout_ms => INT32
//   rebalance_timeout_ms => INT32
//   member_id => STRING
//   protocol_type => STRING
//   protocols => name metadata
//     name => STRING
//     metadata => BYTES

import { struct } from '../../../primitives';
import { joinGroupRequestV1Fields } from '../v1/request';

export const joinGroupRequestV2Fields = joinGroupRequestV1Fields;

export const joinGroupRequestV2 = struct(joinGroupRequestV2Fields);

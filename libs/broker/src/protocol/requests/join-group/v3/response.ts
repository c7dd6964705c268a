// JoinGroup Response (Version: 3) => throttle_time_ms error_code generation_id protocol_name leader member_id [members]
//   throttle_time_ms => INT32
//   error_code => INT16
//   generation_id => INT32
//   protocol_name => STRING
//   leader => STRING
//   member_id => STRING
//   members => member_id metadata
//     member_id => STRING
//     metadata => BYTES

import { struct } from '../../../primitives';
import { joinGroupResponseV2Fields } from '../v2/response';

export const joinGroupResponseV3Fields = joinGroupResponseV2Fields;

export const joinGroupResponseV3 = struct(joinGroupResponseV3Fields);

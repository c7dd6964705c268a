// JoinGroup Response (Version: 4) => throttle_time_ms error_code generation_id protocol_name leader member_id [members]
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
import { joinGroupResponseV3Fields } from '../v3/response';

export const joinGroupResponseV4Fields = joinGroupResponseV3Fields;

export const joinGroupResponseV4 = struct(joinGroupResponseV4Fields);

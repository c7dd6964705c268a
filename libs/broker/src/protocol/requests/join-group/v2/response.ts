// JoinGroup Response (Version: 2) => throttle_time_ms error_code generation_id protocol_name leader member_id [members]
//   throttle_time_ms => INT32
//   error_code => INT16
//   generation_id => INT32
//   protocol_name => STRING
//   leader => STRING
//   member_id => STRING
//   members => member_id metadata
//     member_id => STRING
//     metadata => BYTES

import { int32, struct } from '../../../primitives';
import { joinGroupResponseV1Fields } from '../v1/response';

export const joinGroupResponseV2Fields = {
  throttleTimeMs: int32,
  ...joinGroupResponseV1Fields,
};

export const joinGroupResponseV2 = struct(joinGroupResponseV2Fields);

// JoinGroup Response (Version: 1) => error_code generation_id protocol_name leader member_id [members]
//   error_code => INT16
//   generation_id => INT32
//   protocol_name => STRING
//   leader => STRING
//   member_id => STRING
//   members => member_id metadata
//     member_id => STRING
//     metadata => BYTES

import { struct } from '../../../primitives';
import { joinGroupResponseV0Fields } from '../v0/response';

export const joinGroupResponseV1Fields = joinGroupResponseV0Fields;

export const joinGroupResponseV1 = struct(joinGroupResponseV1Fields);

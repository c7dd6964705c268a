// JoinGroup Response (Version: 5) => throttle_time_ms error_code generation_id protocol_name leader member_id [members]
//   throttle_time_ms => INT32
//   error_code => INT16
//   generation_id => INT32
//   protocol_name => STRING
//   leader => STRING
//   member_id => STRING
//   members => member_id group_instance_id metadata
//     member_id => STRING
//     group_instance_id => NULLABLE_STRING
//     metadata => BYTES

import { array, bytes, int16, int32, nullableString, string, struct } from '../../../primitives';

export const joinGroupResponseV5Fields = {
  throttleTimeMs: int32,
  errorCode: int16,
  generationId: int32,
  protocolName: string,
  leader: string,
  memberId: string,
  members: array(
    struct({
      memberId: string,
      groupInstanceId: nullableString,
      metadata: bytes,
    }),
  ),
};

export const joinGroupResponseV5 = struct(joinGroupResponseV5Fields);

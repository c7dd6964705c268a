// JoinGroup Response (Version: 0) => error_code generation_id protocol_name leader member_id [members]
//   error_code => INT16
//   generation_id => INT32
//   protocol_name => STRING
//   leader => STRING
//   member_id => STRING
//   members => member_id metadata
//     member_id => STRING
//     metadata => BYTES

import { array, bytes, int16, int32, string, struct } from '../../../primitives';

export const joinGroupResponseV0Fields = {
  errorCode: int16,
  generationId: int32,
  protocolName: string,
  leader: string,
  memberId: string,
  members: array(
    struct({
      memberId: string,
      metadata: bytes,
    }),
  ),
};

export const joinGroupResponseV0 = struct(joinGroupResponseV0Fields);

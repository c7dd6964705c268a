// Heartbeat Request (Version: 0) => group_id generation_id member_id
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING

import { absent, int32, string, struct } from '../../../primitives';

export const heartbeatRequestV0Fields = {
  groupId: string,
  generationId: int32,
  memberId: string,
  groupInstanceId: absent<string | null>(null),
};

export const heartbeatRequestV0 = struct(heartbeatRequestV0Fields);

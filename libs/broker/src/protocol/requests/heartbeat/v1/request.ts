// Heartbeat Request (Version: 1) => group_id generation_id member_id
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING

import { struct } from '../../../primitives';
import { heartbeatRequestV0Fields } from '../v0/request';

export const heartbeatRequestV1Fields = heartbeatRequestV0Fields;

export const heartbeatRequestV1 = struct(heartbeatRequestV1Fields);

// Heartbeat Request (Version: 2) => group_id generation_id member_id
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING

import { struct } from '../../../primitives';
import { heartbeatRequestV1Fields } from '../v1/request';

export const heartbeatRequestV2Fields = heartbeatRequestV1Fields;

export const heartbeatRequestV2 = struct(heartbeatRequestV2Fields);

// Heartbeat Request (Version: 3) => group_id generation_id member_id group_instance_id
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING
//   group_instance_id => NULLABLE_STRING

import { nullableString, struct } from '../../../primitives';
import { heartbeatRequestV2Fields } from '../v2/request';

export const heartbeatRequestV3Fields = {
  ...heartbeatRequestV2Fields,
  groupInstanceId: nullableString,
};

export const heartbeatRequestV3 = struct(heartbeatRequestV3Fields);

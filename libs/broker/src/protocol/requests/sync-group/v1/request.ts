// SyncGroup Request (Version: 1) => group_id generation_id member_id [assignments]
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING
//   assignments => member_id assignment
//     member_id => STRING
//     assignment => BYTES

import { struct } from '../../../primitives';
import { syncGroupRequestV0Fields } from '../v0/request';

export const syncGroupRequestV1Fields = syncGroupRequestV0Fields;

export const syncGroupRequestV1 = struct(syncGroupRequestV1Fields);

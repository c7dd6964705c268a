// SyncGroup Request (Version: 2) => group_id generation_id member_id [assignments]
//   group_id => STRING
//   generation_id => INT32
//   member_id => STRING
//   assignments => member_id assignment
//     member_id => STRING
//     assignment => BYTES

import { struct } from '../../../primitives';
import { syncGroupRequestV1Fields } from '../v1/request';

export const syncGroupRequestV2Fields = syncGroupRequestV1Fields;

export const syncGroupRequestV2 = struct(syncGroupRequestV2Fields);

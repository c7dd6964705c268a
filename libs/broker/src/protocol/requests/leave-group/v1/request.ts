// LeaveGroup Request (Version: 1) => group_id member_id
//   group_id => STRING
//   member_id => STRING

import { struct } from '../../../primitives';
import { leaveGroupRequestV0Fields } from '../v0/request';

export const leaveGroupRequestV1Fields = leaveGroupRequestV0Fields;

export const leaveGroupRequestV1 = struct(leaveGroupRequestV1Fields);

// LeaveGroup Request (Version: 2) => group_id member_id
//   group_id => STRING
//   member_id => STRING

import { struct } from '../../../primitives';
import { leaveGroupRequestV1Fields } from '../v1/request';

export const leaveGroupRequestV2Fields = leaveGroupRequestV1Fields;

export const leaveGroupRequestV2 = struct(leaveGroupRequestV2Fields);

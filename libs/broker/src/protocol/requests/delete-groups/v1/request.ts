// DeleteGroups Request (Version: 1) => [groups_names]
//   groups_names => STRING

import { struct } from '../../../primitives';
import { deleteGroupsRequestV0Fields } from '../v0/request';

export const deleteGroupsRequestV1Fields = deleteGroupsRequestV0Fields;

export const deleteGroupsRequestV1 = struct(deleteGroupsRequestV1Fields);

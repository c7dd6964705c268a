// DeleteGroups Request (Version: 0) => [groups_names]
//   groups_names => STRING

import { array, string, struct } from '../../../primitives';

export const deleteGroupsRequestV0Fields = {
  groupsNames: array(string),
};

export const deleteGroupsRequestV0 = struct(deleteGroupsRequestV0Fields);

// DescribeGroups Request (Version: 0) => [groups]
//   groups => STRING

import { array, string, struct } from '../../../primitives';

export const describeGroupsRequestV0Fields = {
  groups: array(string),
};

export const describeGroupsRequestV0 = struct(describeGroupsRequestV0Fields);

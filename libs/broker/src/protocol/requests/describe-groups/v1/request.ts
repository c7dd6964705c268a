// DescribeGroups Request (Version: 1) => [groups]
//   groups => STRING

import { struct } from '../../../primitives';
import { describeGroupsRequestV0Fields } from '../v0/request';

export const describeGroupsRequestV1Fields = describeGroupsRequestV0Fields;

export const describeGroupsRequestV1 = struct(describeGroupsRequestV1Fields);

// DescribeGroups Request (Version: 2) => [groups]
//   groups => STRING

import { struct } from '../../../primitives';
import { describeGroupsRequestV1Fields } from '../v1/request';

export const describeGroupsRequestV2Fields = describeGroupsRequestV1Fields;

export const describeGroupsRequestV2 = struct(describeGroupsRequestV2Fields);

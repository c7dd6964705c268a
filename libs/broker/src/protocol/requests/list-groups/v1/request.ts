// ListGroups Request (Version: 1) =>
//   (no fields: the request header says everything)

import { struct } from '../../../primitives';
import { listGroupsRequestV0Fields } from '../v0/request';

export const listGroupsRequestV1Fields = listGroupsRequestV0Fields;

export const listGroupsRequestV1 = struct(listGroupsRequestV1Fields);

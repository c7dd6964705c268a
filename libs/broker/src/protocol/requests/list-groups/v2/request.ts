// ListGroups Request (Version: 2) =>
//   (no fields: the request header says everything)

import { struct } from '../../../primitives';
import { listGroupsRequestV1Fields } from '../v1/request';

export const listGroupsRequestV2Fields = listGroupsRequestV1Fields;

export const listGroupsRequestV2 = struct(listGroupsRequestV2Fields);

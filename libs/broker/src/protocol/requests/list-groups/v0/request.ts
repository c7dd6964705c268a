// ListGroups Request (Version: 0) =>
//   (no fields: the request header says everything)

import { struct } from '../../../primitives';

export const listGroupsRequestV0Fields = {};

export const listGroupsRequestV0 = struct(listGroupsRequestV0Fields);

import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { listGroupsRequestV0 } from './v0/request';
import { listGroupsResponseV0 } from './v0/response';
import { listGroupsRequestV1 } from './v1/request';
import { listGroupsResponseV1 } from './v1/response';
import { listGroupsRequestV2 } from './v2/request';
import { listGroupsResponseV2 } from './v2/response';

export type ListGroupsRequest = Infer<typeof listGroupsRequestV2>;
export type ListGroupsResponse = Infer<typeof listGroupsResponseV2>;

export const listGroupsApi = defineApi<ListGroupsRequest, ListGroupsResponse>({
  key: ApiKey.ListGroups,
  name: 'ListGroups',
  versions: {
    0: { request: listGroupsRequestV0, response: listGroupsResponseV0 },
    1: { request: listGroupsRequestV1, response: listGroupsResponseV1 },
    2: { request: listGroupsRequestV2, response: listGroupsResponseV2 },
  },
});

import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { deleteGroupsRequestV0 } from './v0/request';
import { deleteGroupsResponseV0 } from './v0/response';
import { deleteGroupsRequestV1 } from './v1/request';
import { deleteGroupsResponseV1 } from './v1/response';

export type DeleteGroupsRequest = Infer<typeof deleteGroupsRequestV1>;
export type DeleteGroupsResponse = Infer<typeof deleteGroupsResponseV1>;

export const deleteGroupsApi = defineApi<DeleteGroupsRequest, DeleteGroupsResponse>({
  key: ApiKey.DeleteGroups,
  name: 'DeleteGroups',
  versions: {
    0: { request: deleteGroupsRequestV0, response: deleteGroupsResponseV0 },
    1: { request: deleteGroupsRequestV1, response: deleteGroupsResponseV1 },
  },
});

import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { deleteAclsRequestV0 } from './v0/request';
import { deleteAclsResponseV0 } from './v0/response';
import { deleteAclsRequestV1 } from './v1/request';
import { deleteAclsResponseV1 } from './v1/response';

export type DeleteAclsRequest = Infer<typeof deleteAclsRequestV1>;
export type DeleteAclsFilter = DeleteAclsRequest['filters'][number];
export type DeleteAclsResponse = Infer<typeof deleteAclsResponseV1>;
export type DeleteAclsMatchingAcl =
  DeleteAclsResponse['filterResults'][number]['matchingAcls'][number];

/** Kafka 4's admin client speaks v1-3 and picks v1 here; kafkajs speaks v0-1. */
export const deleteAclsApi = defineApi<DeleteAclsRequest, DeleteAclsResponse>({
  key: ApiKey.DeleteAcls,
  name: 'DeleteAcls',
  versions: {
    0: { request: deleteAclsRequestV0, response: deleteAclsResponseV0 },
    1: { request: deleteAclsRequestV1, response: deleteAclsResponseV1 },
  },
});

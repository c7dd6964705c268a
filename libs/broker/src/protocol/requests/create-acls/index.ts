import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { createAclsRequestV0 } from './v0/request';
import { createAclsResponseV0 } from './v0/response';
import { createAclsRequestV1 } from './v1/request';
import { createAclsResponseV1 } from './v1/response';

export type CreateAclsRequest = Infer<typeof createAclsRequestV1>;
export type CreateAclsResponse = Infer<typeof createAclsResponseV1>;

/** Kafka 4's admin client speaks v1-3 and picks v1 here; kafkajs speaks v0-1. */
export const createAclsApi = defineApi<CreateAclsRequest, CreateAclsResponse>({
  key: ApiKey.CreateAcls,
  name: 'CreateAcls',
  versions: {
    0: { request: createAclsRequestV0, response: createAclsResponseV0 },
    1: { request: createAclsRequestV1, response: createAclsResponseV1 },
  },
});

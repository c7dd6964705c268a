import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { apiVersionsRequestV0 } from './v0/request';
import { apiVersionsResponseV0 } from './v0/response';
import { apiVersionsRequestV1 } from './v1/request';
import { apiVersionsResponseV1 } from './v1/response';
import { apiVersionsRequestV2 } from './v2/request';
import { apiVersionsResponseV2 } from './v2/response';

export type ApiVersionsRequest = Infer<typeof apiVersionsRequestV2>;
export type ApiVersionsResponse = Infer<typeof apiVersionsResponseV2>;

export const apiVersionsApi = defineApi<ApiVersionsRequest, ApiVersionsResponse>({
  key: ApiKey.ApiVersions,
  name: 'ApiVersions',
  versions: {
    0: { request: apiVersionsRequestV0, response: apiVersionsResponseV0 },
    1: { request: apiVersionsRequestV1, response: apiVersionsResponseV1 },
    2: { request: apiVersionsRequestV2, response: apiVersionsResponseV2 },
  },
});

import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { createTopicsRequestV0 } from './v0/request';
import { createTopicsResponseV0 } from './v0/response';
import { createTopicsRequestV1 } from './v1/request';
import { createTopicsResponseV1 } from './v1/response';
import { createTopicsRequestV2 } from './v2/request';
import { createTopicsResponseV2 } from './v2/response';
import { createTopicsRequestV3 } from './v3/request';
import { createTopicsResponseV3 } from './v3/response';

export type CreateTopicsRequest = Infer<typeof createTopicsRequestV3>;
export type CreateTopicsResponse = Infer<typeof createTopicsResponseV3>;

export const createTopicsApi = defineApi<CreateTopicsRequest, CreateTopicsResponse>({
  key: ApiKey.CreateTopics,
  name: 'CreateTopics',
  versions: {
    0: { request: createTopicsRequestV0, response: createTopicsResponseV0 },
    1: { request: createTopicsRequestV1, response: createTopicsResponseV1 },
    2: { request: createTopicsRequestV2, response: createTopicsResponseV2 },
    3: { request: createTopicsRequestV3, response: createTopicsResponseV3 },
  },
});

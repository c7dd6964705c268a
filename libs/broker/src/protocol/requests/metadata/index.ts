import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { metadataRequestV1 } from './v1/request';
import { metadataResponseV1 } from './v1/response';
import { metadataRequestV2 } from './v2/request';
import { metadataResponseV2 } from './v2/response';
import { metadataRequestV3 } from './v3/request';
import { metadataResponseV3 } from './v3/response';
import { metadataRequestV4 } from './v4/request';
import { metadataResponseV4 } from './v4/response';
import { metadataRequestV5 } from './v5/request';
import { metadataResponseV5 } from './v5/response';
import { metadataRequestV6 } from './v6/request';
import { metadataResponseV6 } from './v6/response';

export type MetadataRequest = Infer<typeof metadataRequestV6>;
export type MetadataResponse = Infer<typeof metadataResponseV6>;

export const metadataApi = defineApi<MetadataRequest, MetadataResponse>({
  key: ApiKey.Metadata,
  name: 'Metadata',
  versions: {
    1: { request: metadataRequestV1, response: metadataResponseV1 },
    2: { request: metadataRequestV2, response: metadataResponseV2 },
    3: { request: metadataRequestV3, response: metadataResponseV3 },
    4: { request: metadataRequestV4, response: metadataResponseV4 },
    5: { request: metadataRequestV5, response: metadataResponseV5 },
    6: { request: metadataRequestV6, response: metadataResponseV6 },
  },
});

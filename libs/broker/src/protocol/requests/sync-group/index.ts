import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { syncGroupRequestV0 } from './v0/request';
import { syncGroupResponseV0 } from './v0/response';
import { syncGroupRequestV1 } from './v1/request';
import { syncGroupResponseV1 } from './v1/response';
import { syncGroupRequestV2 } from './v2/request';
import { syncGroupResponseV2 } from './v2/response';
import { syncGroupRequestV3 } from './v3/request';
import { syncGroupResponseV3 } from './v3/response';

export type SyncGroupRequest = Infer<typeof syncGroupRequestV3>;
export type SyncGroupResponse = Infer<typeof syncGroupResponseV3>;

export const syncGroupApi = defineApi<SyncGroupRequest, SyncGroupResponse>({
  key: ApiKey.SyncGroup,
  name: 'SyncGroup',
  versions: {
    0: { request: syncGroupRequestV0, response: syncGroupResponseV0 },
    1: { request: syncGroupRequestV1, response: syncGroupResponseV1 },
    2: { request: syncGroupRequestV2, response: syncGroupResponseV2 },
    3: { request: syncGroupRequestV3, response: syncGroupResponseV3 },
  },
});

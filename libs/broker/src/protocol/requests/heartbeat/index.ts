import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { heartbeatRequestV0 } from './v0/request';
import { heartbeatResponseV0 } from './v0/response';
import { heartbeatRequestV1 } from './v1/request';
import { heartbeatResponseV1 } from './v1/response';
import { heartbeatRequestV2 } from './v2/request';
import { heartbeatResponseV2 } from './v2/response';
import { heartbeatRequestV3 } from './v3/request';
import { heartbeatResponseV3 } from './v3/response';

export type HeartbeatRequest = Infer<typeof heartbeatRequestV3>;
export type HeartbeatResponse = Infer<typeof heartbeatResponseV3>;

export const heartbeatApi = defineApi<HeartbeatRequest, HeartbeatResponse>({
  key: ApiKey.Heartbeat,
  name: 'Heartbeat',
  versions: {
    0: { request: heartbeatRequestV0, response: heartbeatResponseV0 },
    1: { request: heartbeatRequestV1, response: heartbeatResponseV1 },
    2: { request: heartbeatRequestV2, response: heartbeatResponseV2 },
    3: { request: heartbeatRequestV3, response: heartbeatResponseV3 },
  },
});

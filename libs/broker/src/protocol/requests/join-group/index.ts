import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { adaptedCodec } from '../adapted-codec';
import { joinGroupRequestV0 } from './v0/request';
import { joinGroupResponseV0 } from './v0/response';
import { joinGroupRequestV1 } from './v1/request';
import { joinGroupResponseV1 } from './v1/response';
import { joinGroupRequestV2 } from './v2/request';
import { joinGroupResponseV2 } from './v2/response';
import { joinGroupRequestV3 } from './v3/request';
import { joinGroupResponseV3 } from './v3/response';
import { joinGroupRequestV4 } from './v4/request';
import { joinGroupResponseV4 } from './v4/response';
import { joinGroupRequestV5 } from './v5/request';
import { joinGroupResponseV5 } from './v5/response';

export type JoinGroupRequest = Infer<typeof joinGroupRequestV5>;
export type JoinGroupResponse = Infer<typeof joinGroupResponseV5>;

/** Before v1 there is no rebalance timeout: Kafka waits for rejoining members as long as the session lasts. */
const joinGroupRequestV0Normalized = adaptedCodec(
  joinGroupRequestV0,
  (wire): JoinGroupRequest => ({
    ...wire,
    rebalanceTimeoutMs: wire.sessionTimeoutMs,
    groupInstanceId: null,
  }),
  ({ groupId, sessionTimeoutMs, memberId, protocolType, protocols }: JoinGroupRequest) => ({
    groupId,
    sessionTimeoutMs,
    memberId,
    protocolType,
    protocols,
  }),
);

export const joinGroupApi = defineApi<JoinGroupRequest, JoinGroupResponse>({
  key: ApiKey.JoinGroup,
  name: 'JoinGroup',
  versions: {
    0: { request: joinGroupRequestV0Normalized, response: joinGroupResponseV0 },
    1: { request: joinGroupRequestV1, response: joinGroupResponseV1 },
    2: { request: joinGroupRequestV2, response: joinGroupResponseV2 },
    3: { request: joinGroupRequestV3, response: joinGroupResponseV3 },
    4: { request: joinGroupRequestV4, response: joinGroupResponseV4 },
    5: { request: joinGroupRequestV5, response: joinGroupResponseV5 },
  },
});

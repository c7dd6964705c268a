import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { findCoordinatorRequestV0 } from './v0/request';
import { findCoordinatorResponseV0 } from './v0/response';
import { findCoordinatorRequestV1 } from './v1/request';
import { findCoordinatorResponseV1 } from './v1/response';
import { findCoordinatorRequestV2 } from './v2/request';
import { findCoordinatorResponseV2 } from './v2/response';

/** What a FindCoordinator key names (v1+); v0 can only ask for a consumer group's coordinator. */
export enum CoordinatorKeyType {
  Group = 0,
  Transaction = 1,
}

export type FindCoordinatorRequest = Infer<typeof findCoordinatorRequestV2>;
export type FindCoordinatorResponse = Infer<typeof findCoordinatorResponseV2>;

export const findCoordinatorApi = defineApi<FindCoordinatorRequest, FindCoordinatorResponse>({
  key: ApiKey.FindCoordinator,
  name: 'FindCoordinator',
  versions: {
    0: { request: findCoordinatorRequestV0, response: findCoordinatorResponseV0 },
    1: { request: findCoordinatorRequestV1, response: findCoordinatorResponseV1 },
    2: { request: findCoordinatorRequestV2, response: findCoordinatorResponseV2 },
  },
});

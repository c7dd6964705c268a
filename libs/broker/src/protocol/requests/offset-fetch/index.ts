import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { offsetFetchRequestV1 } from './v1/request';
import { offsetFetchResponseV1 } from './v1/response';
import { offsetFetchRequestV2 } from './v2/request';
import { offsetFetchResponseV2 } from './v2/response';
import { offsetFetchRequestV3 } from './v3/request';
import { offsetFetchResponseV3 } from './v3/response';
import { offsetFetchRequestV4 } from './v4/request';
import { offsetFetchResponseV4 } from './v4/response';

/** `topics: null` (v2+) asks for every topic the group has committed offsets for. */
export type OffsetFetchRequest = Infer<typeof offsetFetchRequestV4>;
/**
 * v1 has no top-level errorCode: a handler answering v1 must also report a group-level error
 * on every partition it lists.
 */
export type OffsetFetchResponse = Infer<typeof offsetFetchResponseV4>;
export type OffsetFetchResponseTopic = OffsetFetchResponse['topics'][number];

/** v0 read offsets from ZooKeeper; no client the broker serves uses it. */
export const offsetFetchApi = defineApi<OffsetFetchRequest, OffsetFetchResponse>({
  key: ApiKey.OffsetFetch,
  name: 'OffsetFetch',
  versions: {
    1: { request: offsetFetchRequestV1, response: offsetFetchResponseV1 },
    2: { request: offsetFetchRequestV2, response: offsetFetchResponseV2 },
    3: { request: offsetFetchRequestV3, response: offsetFetchResponseV3 },
    4: { request: offsetFetchRequestV4, response: offsetFetchResponseV4 },
  },
});

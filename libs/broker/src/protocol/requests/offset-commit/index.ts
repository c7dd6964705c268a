import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { offsetCommitRequestV2 } from './v2/request';
import { offsetCommitResponseV2 } from './v2/response';
import { offsetCommitRequestV3 } from './v3/request';
import { offsetCommitResponseV3 } from './v3/response';
import { offsetCommitRequestV4 } from './v4/request';
import { offsetCommitResponseV4 } from './v4/response';
import { offsetCommitRequestV5 } from './v5/request';
import { offsetCommitResponseV5 } from './v5/response';

/**
 * v4's shape: v5 only drops retentionTimeMs (KIP-211: the broker's offsets.retention.minutes
 * decides), which decodes as -1, "broker default", as v2-4 clients also send it.
 */
export type OffsetCommitRequest = Infer<typeof offsetCommitRequestV4>;
export type OffsetCommitResponse = Infer<typeof offsetCommitResponseV5>;
export type OffsetCommitResponseTopic = OffsetCommitResponse['topics'][number];

/** v0 and v1 are not implemented: kafkajs and librdkafka both speak v2 (see NOTES.md). */
export const offsetCommitApi = defineApi<OffsetCommitRequest, OffsetCommitResponse>({
  key: ApiKey.OffsetCommit,
  name: 'OffsetCommit',
  versions: {
    2: { request: offsetCommitRequestV2, response: offsetCommitResponseV2 },
    3: { request: offsetCommitRequestV3, response: offsetCommitResponseV3 },
    4: { request: offsetCommitRequestV4, response: offsetCommitResponseV4 },
    5: { request: offsetCommitRequestV5, response: offsetCommitResponseV5 },
  },
});

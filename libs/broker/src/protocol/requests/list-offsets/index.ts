import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { listOffsetsRequestV1 } from './v1/request';
import { listOffsetsResponseV1 } from './v1/response';
import { listOffsetsRequestV2 } from './v2/request';
import { listOffsetsResponseV2 } from './v2/response';
import { listOffsetsRequestV3 } from './v3/request';
import { listOffsetsResponseV3 } from './v3/response';

export type ListOffsetsRequest = Infer<typeof listOffsetsRequestV3>;
export type ListOffsetsResponse = Infer<typeof listOffsetsResponseV3>;

export const listOffsetsApi = defineApi<ListOffsetsRequest, ListOffsetsResponse>({
  key: ApiKey.ListOffsets,
  name: 'ListOffsets',
  versions: {
    1: { request: listOffsetsRequestV1, response: listOffsetsResponseV1 },
    2: { request: listOffsetsRequestV2, response: listOffsetsResponseV2 },
    3: { request: listOffsetsRequestV3, response: listOffsetsResponseV3 },
  },
});

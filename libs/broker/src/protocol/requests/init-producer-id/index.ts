import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { initProducerIdRequestV0 } from './v0/request';
import { initProducerIdResponseV0 } from './v0/response';
import { initProducerIdRequestV1 } from './v1/request';
import { initProducerIdResponseV1 } from './v1/response';

export type InitProducerIdRequest = Infer<typeof initProducerIdRequestV1>;
export type InitProducerIdResponse = Infer<typeof initProducerIdResponseV1>;

export const initProducerIdApi = defineApi<InitProducerIdRequest, InitProducerIdResponse>({
  key: ApiKey.InitProducerId,
  name: 'InitProducerId',
  versions: {
    0: { request: initProducerIdRequestV0, response: initProducerIdResponseV0 },
    1: { request: initProducerIdRequestV1, response: initProducerIdResponseV1 },
  },
});

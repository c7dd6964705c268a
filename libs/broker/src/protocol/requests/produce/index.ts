import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { produceRequestV3 } from './v3/request';
import { produceResponseV3 } from './v3/response';
import { produceRequestV4 } from './v4/request';
import { produceResponseV4 } from './v4/response';
import { produceRequestV5 } from './v5/request';
import { produceResponseV5 } from './v5/response';
import { produceRequestV6 } from './v6/request';
import { produceResponseV6 } from './v6/response';
import { produceRequestV7 } from './v7/request';
import { produceResponseV7 } from './v7/response';

export type ProduceRequest = Infer<typeof produceRequestV7>;
export type ProduceResponse = Infer<typeof produceResponseV7>;

export const produceApi = defineApi<ProduceRequest, ProduceResponse>({
  key: ApiKey.Produce,
  name: 'Produce',
  versions: {
    3: { request: produceRequestV3, response: produceResponseV3 },
    4: { request: produceRequestV4, response: produceResponseV4 },
    5: { request: produceRequestV5, response: produceResponseV5 },
    6: { request: produceRequestV6, response: produceResponseV6 },
    7: { request: produceRequestV7, response: produceResponseV7 },
  },
});

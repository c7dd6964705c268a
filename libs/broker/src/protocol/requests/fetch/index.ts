import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { fetchRequestV4 } from './v4/request';
import { fetchResponseV4 } from './v4/response';
import { fetchRequestV5 } from './v5/request';
import { fetchResponseV5 } from './v5/response';
import { fetchRequestV6 } from './v6/request';
import { fetchResponseV6 } from './v6/response';
import { fetchRequestV7 } from './v7/request';
import { fetchResponseV7 } from './v7/response';
import { fetchRequestV8 } from './v8/request';
import { fetchResponseV8 } from './v8/response';
import { fetchRequestV9 } from './v9/request';
import { fetchResponseV9 } from './v9/response';
import { fetchRequestV10 } from './v10/request';
import { fetchResponseV10 } from './v10/response';
import { fetchRequestV11 } from './v11/request';
import { fetchResponseV11 } from './v11/response';

export type FetchRequest = Infer<typeof fetchRequestV11>;
export type FetchResponse = Infer<typeof fetchResponseV11>;

export const fetchApi = defineApi<FetchRequest, FetchResponse>({
  key: ApiKey.Fetch,
  name: 'Fetch',
  versions: {
    4: { request: fetchRequestV4, response: fetchResponseV4 },
    5: { request: fetchRequestV5, response: fetchResponseV5 },
    6: { request: fetchRequestV6, response: fetchResponseV6 },
    7: { request: fetchRequestV7, response: fetchResponseV7 },
    8: { request: fetchRequestV8, response: fetchResponseV8 },
    9: { request: fetchRequestV9, response: fetchResponseV9 },
    10: { request: fetchRequestV10, response: fetchResponseV10 },
    11: { request: fetchRequestV11, response: fetchResponseV11 },
  },
});

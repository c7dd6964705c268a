import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { createPartitionsRequestV0 } from './v0/request';
import { createPartitionsResponseV0 } from './v0/response';
import { createPartitionsRequestV1 } from './v1/request';
import { createPartitionsResponseV1 } from './v1/response';

export type CreatePartitionsRequest = Infer<typeof createPartitionsRequestV1>;
export type CreatePartitionsResponse = Infer<typeof createPartitionsResponseV1>;

export const createPartitionsApi = defineApi<CreatePartitionsRequest, CreatePartitionsResponse>({
  key: ApiKey.CreatePartitions,
  name: 'CreatePartitions',
  versions: {
    0: { request: createPartitionsRequestV0, response: createPartitionsResponseV0 },
    1: { request: createPartitionsRequestV1, response: createPartitionsResponseV1 },
  },
});

import { ApiKey } from '../../api-keys';
import { defineApi } from '../../api-definition';
import type { Infer } from '../../primitives';
import { deleteTopicsRequestV0 } from './v0/request';
import { deleteTopicsResponseV0 } from './v0/response';
import { deleteTopicsRequestV1 } from './v1/request';
import { deleteTopicsResponseV1 } from './v1/response';

export type DeleteTopicsRequest = Infer<typeof deleteTopicsRequestV1>;
export type DeleteTopicsResponse = Infer<typeof deleteTopicsResponseV1>;

export const deleteTopicsApi = defineApi<DeleteTopicsRequest, DeleteTopicsResponse>({
  key: ApiKey.DeleteTopics,
  name: 'DeleteTopics',
  versions: {
    0: { request: deleteTopicsRequestV0, response: deleteTopicsResponseV0 },
    1: { request: deleteTopicsRequestV1, response: deleteTopicsResponseV1 },
  },
});

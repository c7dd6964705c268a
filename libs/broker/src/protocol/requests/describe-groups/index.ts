import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { describeGroupsRequestV0 } from './v0/request';
import { describeGroupsResponseV0 } from './v0/response';
import { describeGroupsRequestV1 } from './v1/request';
import { describeGroupsResponseV1 } from './v1/response';
import { describeGroupsRequestV2 } from './v2/request';
import { describeGroupsResponseV2 } from './v2/response';

export type DescribeGroupsRequest = Infer<typeof describeGroupsRequestV2>;
export type DescribeGroupsResponse = Infer<typeof describeGroupsResponseV2>;

export const describeGroupsApi = defineApi<DescribeGroupsRequest, DescribeGroupsResponse>({
  key: ApiKey.DescribeGroups,
  name: 'DescribeGroups',
  versions: {
    0: { request: describeGroupsRequestV0, response: describeGroupsResponseV0 },
    1: { request: describeGroupsRequestV1, response: describeGroupsResponseV1 },
    2: { request: describeGroupsRequestV2, response: describeGroupsResponseV2 },
  },
});

import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { describeAclsRequestV0 } from './v0/request';
import { describeAclsResponseV0 } from './v0/response';
import { describeAclsRequestV1 } from './v1/request';
import { describeAclsResponseV1 } from './v1/response';

export type DescribeAclsRequest = Infer<typeof describeAclsRequestV1>;
export type DescribeAclsResponse = Infer<typeof describeAclsResponseV1>;
export type DescribeAclsResource = DescribeAclsResponse['resources'][number];

/** Kafka 4's admin client speaks v1-3 and picks v1 here; kafkajs speaks v0-1. */
export const describeAclsApi = defineApi<DescribeAclsRequest, DescribeAclsResponse>({
  key: ApiKey.DescribeAcls,
  name: 'DescribeAcls',
  versions: {
    0: { request: describeAclsRequestV0, response: describeAclsResponseV0 },
    1: { request: describeAclsRequestV1, response: describeAclsResponseV1 },
  },
});

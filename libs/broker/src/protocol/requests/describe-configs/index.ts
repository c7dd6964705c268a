import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import { ConfigResourceType, ConfigSource } from '../../config-resources';
import type { Infer } from '../../primitives';
import { adaptedCodec } from '../adapted-codec';
import { describeConfigsRequestV0 } from './v0/request';
import { describeConfigsResponseV0 } from './v0/response';
import { describeConfigsRequestV1 } from './v1/request';
import { describeConfigsResponseV1 } from './v1/response';
import { describeConfigsRequestV2 } from './v2/request';
import { describeConfigsResponseV2 } from './v2/response';

export type DescribeConfigsRequest = Infer<typeof describeConfigsRequestV2>;
export type DescribeConfigsResource = DescribeConfigsRequest['resources'][number];
export type DescribeConfigsResponse = Infer<typeof describeConfigsResponseV2>;
export type DescribeConfigsResult = DescribeConfigsResponse['results'][number];

type ResponseV0 = Infer<typeof describeConfigsResponseV0>;

/**
 * v0 says only whether a config is at its default; v1 says where its value comes from, and
 * lists its synonyms. Read back, a v0 config that is not a default gets the source Kafka
 * documents for v0: the broker's own config on a broker, the topic's on a topic.
 */
const responseV0 = adaptedCodec<ResponseV0, DescribeConfigsResponse>(
  describeConfigsResponseV0,
  ({ throttleTimeMs, results }) => ({
    throttleTimeMs,
    results: results.map(({ configs, ...result }) => ({
      ...result,
      configs: configs.map(({ isDefault, ...config }) => ({
        ...config,
        configSource: isDefault
          ? ConfigSource.DEFAULT_CONFIG
          : result.resourceType === ConfigResourceType.BROKER
            ? ConfigSource.STATIC_BROKER_CONFIG
            : ConfigSource.TOPIC_CONFIG,
        synonyms: [],
      })),
    })),
  }),
  ({ throttleTimeMs, results }) => ({
    throttleTimeMs,
    results: results.map((result) => ({
      ...result,
      configs: result.configs.map((config) => ({
        ...config,
        isDefault: config.configSource === ConfigSource.DEFAULT_CONFIG,
      })),
    })),
  }),
);

export const describeConfigsApi = defineApi<DescribeConfigsRequest, DescribeConfigsResponse>({
  key: ApiKey.DescribeConfigs,
  name: 'DescribeConfigs',
  versions: {
    0: { request: describeConfigsRequestV0, response: responseV0 },
    1: { request: describeConfigsRequestV1, response: describeConfigsResponseV1 },
    2: { request: describeConfigsRequestV2, response: describeConfigsResponseV2 },
  },
});

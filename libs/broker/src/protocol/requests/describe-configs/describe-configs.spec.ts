import { ConfigResourceType, ConfigSource } from '../../config-resources';
import {
  array,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  int8,
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import {
  describeConfigsApi,
  type DescribeConfigsRequest,
  type DescribeConfigsResponse,
} from './index';

const request: DescribeConfigsRequest = {
  resources: [
    { resourceType: ConfigResourceType.TOPIC, resourceName: 'orders', configurationKeys: null },
    {
      resourceType: ConfigResourceType.BROKER,
      resourceName: '0',
      configurationKeys: ['log.retention.ms'],
    },
  ],
  includeSynonyms: true,
};

const response: DescribeConfigsResponse = {
  throttleTimeMs: 0,
  results: [
    {
      errorCode: 0,
      errorMessage: null,
      resourceType: ConfigResourceType.TOPIC,
      resourceName: 'orders',
      configs: [
        {
          name: 'retention.ms',
          value: '3600000',
          readOnly: true,
          configSource: ConfigSource.STATIC_BROKER_CONFIG,
          isSensitive: false,
          synonyms: [
            {
              name: 'log.retention.ms',
              value: '3600000',
              source: ConfigSource.STATIC_BROKER_CONFIG,
            },
          ],
        },
        {
          name: 'cleanup.policy',
          value: 'delete',
          readOnly: true,
          configSource: ConfigSource.DEFAULT_CONFIG,
          isSensitive: false,
          synonyms: [],
        },
      ],
    },
    {
      errorCode: 3,
      errorMessage: "topic 'gone' does not exist",
      resourceType: ConfigResourceType.TOPIC,
      resourceName: 'gone',
      configs: [],
    },
  ],
};

const requestResources = array(
  frame(int8(2), string('orders'), int32(-1)),
  frame(int8(4), string('0'), array(string('log.retention.ms'))),
);

const unknownTopicResult = frame(
  int16(3),
  string("topic 'gone' does not exist"),
  int8(2),
  string('gone'),
  array(),
);

const bool = (value: boolean) => int8(value ? 1 : 0);

/** The response above as bytes, with the configs of 'orders' as a version writes them. */
const responseBytes = (...ordersConfigs: Buffer[]) =>
  frame(
    int32(0),
    array(
      frame(int16(0), nullString, int8(2), string('orders'), array(...ordersConfigs)),
      unknownTopicResult,
    ),
  );

describe('DescribeConfigs codecs', () => {
  it('implements v0-2', () => {
    expect(versionsOf(describeConfigsApi)).toEqual([0, 1, 2]);
  });

  it.each([1, 2])('v%i request round-trips', (version) => {
    expect(requestRoundTrip(describeConfigsApi, version, request)).toEqual(request);
  });

  it('v0 request has no synonyms flag and reads as not asking for them', () => {
    expect(requestRoundTrip(describeConfigsApi, 0, request)).toEqual({
      ...request,
      includeSynonyms: false,
    });
    expect(encodeRequest(describeConfigsApi, 0, request)).toEqual(requestResources);
  });

  it.each([1, 2])('v%i matches the grammar byte for byte', (version) => {
    const requestBytes = frame(requestResources, bool(true));
    expect(encodeRequest(describeConfigsApi, version, request)).toEqual(requestBytes);
    expect(decodeRequest(describeConfigsApi, version, requestBytes)).toEqual(request);
    expect(encodeResponse(describeConfigsApi, version, response)).toEqual(
      responseBytes(
        frame(
          string('retention.ms'),
          string('3600000'),
          bool(true),
          int8(4),
          bool(false),
          array(frame(string('log.retention.ms'), string('3600000'), int8(4))),
        ),
        frame(
          string('cleanup.policy'),
          string('delete'),
          bool(true),
          int8(5),
          bool(false),
          array(),
        ),
      ),
    );
    expect(responseRoundTrip(describeConfigsApi, version, response)).toEqual(response);
  });

  it('v0 response says is_default instead of the source, and lists no synonyms', () => {
    const bytes = encodeResponse(describeConfigsApi, 0, response);
    expect(bytes).toEqual(
      responseBytes(
        frame(string('retention.ms'), string('3600000'), bool(true), bool(false), bool(false)),
        frame(string('cleanup.policy'), string('delete'), bool(true), bool(true), bool(false)),
      ),
    );
    // Read back, a topic's non-default config can only be the topic's own.
    const [orders] = (decodeResponse(describeConfigsApi, 0, bytes) as DescribeConfigsResponse)
      .results;
    expect(orders?.configs.map(({ configSource, synonyms }) => [configSource, synonyms])).toEqual([
      [ConfigSource.TOPIC_CONFIG, []],
      [ConfigSource.DEFAULT_CONFIG, []],
    ]);
  });
});

import {
  array,
  decodeRequest,
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
import { createTopicsApi, type CreateTopicsRequest, type CreateTopicsResponse } from './index';

const request: CreateTopicsRequest = {
  topics: [
    {
      name: 'orders',
      numPartitions: -1,
      replicationFactor: -1,
      assignments: [{ partitionIndex: 0, brokerIds: [1] }],
      configs: [
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: null },
      ],
    },
  ],
  timeoutMs: 5000,
  validateOnly: true,
};

const response: CreateTopicsResponse = {
  throttleTimeMs: 0,
  topics: [
    { name: 'orders', errorCode: 0, errorMessage: null },
    { name: 'payments', errorCode: 36, errorMessage: "Topic 'payments' already exists." },
  ],
};

const topicBytes = array(
  frame(
    string('orders'),
    int32(-1),
    int16(-1),
    array(frame(int32(0), array(int32(1)))),
    array(
      frame(string('cleanup.policy'), string('delete')),
      frame(string('retention.ms'), nullString),
    ),
  ),
);

describe('CreateTopics codecs', () => {
  it('implements v0-3', () => {
    expect(versionsOf(createTopicsApi)).toEqual([0, 1, 2, 3]);
  });

  it.each(versionsOf(createTopicsApi))('v%i request round-trips', (version) => {
    expect(requestRoundTrip(createTopicsApi, version, request)).toEqual({
      ...request,
      validateOnly: version >= 1,
    });
  });

  it.each(versionsOf(createTopicsApi))('v%i response round-trips', (version) => {
    const topics = response.topics.map(({ errorMessage, ...topic }) =>
      version >= 1 ? { ...topic, errorMessage } : topic,
    );
    expect(responseRoundTrip(createTopicsApi, version, response)).toEqual(
      version >= 2 ? { throttleTimeMs: 0, topics } : { topics },
    );
  });

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(createTopicsApi, 0, request)).toEqual(frame(topicBytes, int32(5000)));
    const v3Request = frame(topicBytes, int32(5000), int8(1));
    expect(encodeRequest(createTopicsApi, 3, request)).toEqual(v3Request);
    expect(decodeRequest(createTopicsApi, 3, v3Request)).toEqual(request);

    expect(encodeResponse(createTopicsApi, 0, response)).toEqual(
      array(frame(string('orders'), int16(0)), frame(string('payments'), int16(36))),
    );
    expect(encodeResponse(createTopicsApi, 3, response)).toEqual(
      frame(
        int32(0),
        array(
          frame(string('orders'), int16(0), nullString),
          frame(string('payments'), int16(36), string("Topic 'payments' already exists.")),
        ),
      ),
    );
  });
});

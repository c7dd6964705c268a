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
import {
  createPartitionsApi,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
} from './index';

const request: CreatePartitionsRequest = {
  topics: [
    { name: 'orders', count: 5, assignments: null },
    { name: 'payments', count: 3, assignments: [{ brokerIds: [0] }, { brokerIds: [0, 1] }] },
  ],
  timeoutMs: 5000,
  validateOnly: true,
};

const response: CreatePartitionsResponse = {
  throttleTimeMs: 0,
  results: [
    { name: 'orders', errorCode: 0, errorMessage: null },
    {
      name: 'payments',
      errorCode: 37,
      errorMessage: 'Topic currently has 4 partitions, which is higher than the requested 3.',
    },
  ],
};

const requestBytes = frame(
  array(
    // A null assignment list is count -1, as kafkajs and librdkafka write it.
    frame(string('orders'), int32(5), int32(-1)),
    frame(string('payments'), int32(3), array(array(int32(0)), array(int32(0), int32(1)))),
  ),
  int32(5000),
  int8(1),
);

const responseBytes = frame(
  int32(0),
  array(
    frame(string('orders'), int16(0), nullString),
    frame(
      string('payments'),
      int16(37),
      string('Topic currently has 4 partitions, which is higher than the requested 3.'),
    ),
  ),
);

describe('CreatePartitions codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(createPartitionsApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(createPartitionsApi))('v%i request round-trips', (version) => {
    expect(requestRoundTrip(createPartitionsApi, version, request)).toEqual(request);
  });

  it.each(versionsOf(createPartitionsApi))('v%i response round-trips', (version) => {
    expect(responseRoundTrip(createPartitionsApi, version, response)).toEqual(response);
  });

  it.each(versionsOf(createPartitionsApi))('v%i matches the grammar byte for byte', (version) => {
    expect(encodeRequest(createPartitionsApi, version, request)).toEqual(requestBytes);
    expect(decodeRequest(createPartitionsApi, version, requestBytes)).toEqual(request);
    expect(encodeResponse(createPartitionsApi, version, response)).toEqual(responseBytes);
  });

  it('reads an empty assignment list as empty, not null', () => {
    const bytes = frame(array(frame(string('orders'), int32(2), array())), int32(0), int8(0));
    expect(decodeRequest(createPartitionsApi, 0, bytes)).toEqual({
      topics: [{ name: 'orders', count: 2, assignments: [] }],
      timeoutMs: 0,
      validateOnly: false,
    });
  });
});

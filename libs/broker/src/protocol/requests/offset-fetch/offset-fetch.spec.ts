import { ProtocolError } from '../../primitives';
import {
  array,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  int64,
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
} from '../codec-test-kit';
import { offsetFetchApi, type OffsetFetchRequest, type OffsetFetchResponse } from './index';

const request: OffsetFetchRequest = {
  groupId: 'orders',
  topics: [{ name: 'order-events', partitionIndexes: [0, 1, 2] }],
};

const allTopics: OffsetFetchRequest = { groupId: 'orders', topics: null };

const response: OffsetFetchResponse = {
  throttleTimeMs: 6,
  topics: [
    {
      name: 'order-events',
      partitions: [
        { partitionIndex: 0, committedOffset: 42, metadata: '', errorCode: 0 },
        { partitionIndex: 1, committedOffset: -1, metadata: null, errorCode: 0 },
      ],
    },
  ],
  errorCode: 14,
};

describe('OffsetFetch codecs', () => {
  it('advertises v1-4', () => {
    expect([offsetFetchApi.minVersion, offsetFetchApi.maxVersion]).toEqual([1, 4]);
  });

  it.each([1, 2, 3, 4])('v%i request round-trips whole', (version) => {
    expect(requestRoundTrip(offsetFetchApi, version, request)).toEqual(request);
  });

  it.each([2, 3, 4])('v%i request can ask for all topics', (version) => {
    expect(requestRoundTrip(offsetFetchApi, version, allTopics)).toEqual(allTopics);
  });

  it('v1 response has neither throttle time nor top-level error', () => {
    expect(responseRoundTrip(offsetFetchApi, 1, response)).toEqual({ topics: response.topics });
  });

  it('v2 response adds the top-level error', () => {
    expect(responseRoundTrip(offsetFetchApi, 2, response)).toEqual({
      topics: response.topics,
      errorCode: 14,
    });
  });

  it.each([3, 4])('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(offsetFetchApi, version, response)).toEqual(response);
  });

  const v4RequestBytes = frame(
    string('orders'),
    array(frame(string('order-events'), array(int32(0), int32(1), int32(2)))),
  );
  const v4ResponseBytes = frame(
    int32(6),
    array(
      frame(
        string('order-events'),
        array(
          frame(int32(0), int64(42), string(''), int16(0)),
          frame(int32(1), int64(-1), nullString, int16(0)),
        ),
      ),
    ),
    int16(14),
  );

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(offsetFetchApi, 4, request)).toEqual(v4RequestBytes);
    expect(decodeRequest(offsetFetchApi, 4, v4RequestBytes)).toEqual(request);
    expect(encodeRequest(offsetFetchApi, 2, allTopics)).toEqual(frame(string('orders'), int32(-1)));
    expect(encodeResponse(offsetFetchApi, 4, response)).toEqual(v4ResponseBytes);
    expect(decodeResponse(offsetFetchApi, 4, v4ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(offsetFetchApi, 4, v4RequestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

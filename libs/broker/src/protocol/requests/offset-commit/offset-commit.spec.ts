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
import { offsetCommitApi, type OffsetCommitRequest, type OffsetCommitResponse } from './index';

const request: OffsetCommitRequest = {
  groupId: 'orders',
  generationId: 4,
  memberId: 'm-1',
  retentionTimeMs: 86_400_000,
  topics: [
    {
      name: 'order-events',
      partitions: [
        { partitionIndex: 0, committedOffset: 42, committedMetadata: null },
        { partitionIndex: 2, committedOffset: 2 ** 40, committedMetadata: 'note' },
      ],
    },
  ],
};

const response: OffsetCommitResponse = {
  throttleTimeMs: 4,
  topics: [
    {
      name: 'order-events',
      partitions: [
        { partitionIndex: 0, errorCode: 0 },
        { partitionIndex: 2, errorCode: 22 },
      ],
    },
  ],
};

describe('OffsetCommit codecs', () => {
  it('advertises v2-5', () => {
    expect([offsetCommitApi.minVersion, offsetCommitApi.maxVersion]).toEqual([2, 5]);
  });

  it.each([2, 3, 4])('v%i request round-trips whole, retention time included', (version) => {
    expect(requestRoundTrip(offsetCommitApi, version, request)).toEqual(request);
  });

  it('v5 request has no retention time: it reads as the broker default', () => {
    expect(requestRoundTrip(offsetCommitApi, 5, request)).toEqual({
      ...request,
      retentionTimeMs: -1,
    });
  });

  it('v2 response has no throttle time', () => {
    expect(responseRoundTrip(offsetCommitApi, 2, response)).toEqual({ topics: response.topics });
  });

  it.each([3, 4, 5])('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(offsetCommitApi, version, response)).toEqual(response);
  });

  const partitions = array(
    frame(int32(0), int64(42), nullString),
    frame(int32(2), int64(2 ** 40), string('note')),
  );
  const v2RequestBytes = frame(
    string('orders'),
    int32(4),
    string('m-1'),
    int64(86_400_000),
    array(frame(string('order-events'), partitions)),
  );
  const v5RequestBytes = frame(
    string('orders'),
    int32(4),
    string('m-1'),
    array(frame(string('order-events'), partitions)),
  );
  const v5ResponseBytes = frame(
    int32(4),
    array(
      frame(string('order-events'), array(frame(int32(0), int16(0)), frame(int32(2), int16(22)))),
    ),
  );

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(offsetCommitApi, 2, request)).toEqual(v2RequestBytes);
    expect(decodeRequest(offsetCommitApi, 2, v2RequestBytes)).toEqual(request);
    expect(encodeRequest(offsetCommitApi, 5, request)).toEqual(v5RequestBytes);
    expect(encodeResponse(offsetCommitApi, 5, response)).toEqual(v5ResponseBytes);
    expect(decodeResponse(offsetCommitApi, 5, v5ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(offsetCommitApi, 5, v5RequestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

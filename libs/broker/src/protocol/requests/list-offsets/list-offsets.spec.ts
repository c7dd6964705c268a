import {
  array,
  decodeRequest,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  int64,
  int8,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import { listOffsetsApi, type ListOffsetsRequest, type ListOffsetsResponse } from './index';

const request: ListOffsetsRequest = {
  replicaId: -1,
  isolationLevel: 1,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, timestamp: -1 },
        { partitionIndex: 1, timestamp: -2 },
      ],
    },
  ],
};

const response: ListOffsetsResponse = {
  throttleTimeMs: 0,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, errorCode: 0, timestamp: -1, offset: 120 },
        { partitionIndex: 1, errorCode: 3, timestamp: -1, offset: -1 },
      ],
    },
  ],
};

const partitionsRequested = array(
  frame(string('orders'), array(frame(int32(0), int64(-1)), frame(int32(1), int64(-2)))),
);
const partitionsAnswered = array(
  frame(
    string('orders'),
    array(
      frame(int32(0), int16(0), int64(-1), int64(120)),
      frame(int32(1), int16(3), int64(-1), int64(-1)),
    ),
  ),
);

describe('ListOffsets codecs', () => {
  it('implements v1-3', () => {
    expect(versionsOf(listOffsetsApi)).toEqual([1, 2, 3]);
  });

  it.each(versionsOf(listOffsetsApi))('v%i request round-trips', (version) => {
    expect(requestRoundTrip(listOffsetsApi, version, request)).toEqual({
      ...request,
      isolationLevel: version >= 2 ? 1 : 0,
    });
  });

  it.each(versionsOf(listOffsetsApi))('v%i response round-trips', (version) => {
    const { throttleTimeMs, ...v1 } = response;
    expect(responseRoundTrip(listOffsetsApi, version, response)).toEqual(
      version >= 2 ? { throttleTimeMs, ...v1 } : v1,
    );
  });

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(listOffsetsApi, 1, request)).toEqual(
      frame(int32(-1), partitionsRequested),
    );
    const v2Request = frame(int32(-1), int8(1), partitionsRequested);
    expect(encodeRequest(listOffsetsApi, 2, request)).toEqual(v2Request);
    expect(decodeRequest(listOffsetsApi, 3, v2Request)).toEqual(request);
    expect(encodeResponse(listOffsetsApi, 1, response)).toEqual(partitionsAnswered);
    expect(encodeResponse(listOffsetsApi, 3, response)).toEqual(
      frame(int32(0), partitionsAnswered),
    );
  });
});

import {
  array,
  decodeRequest,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import { deleteTopicsApi, type DeleteTopicsRequest, type DeleteTopicsResponse } from './index';

const request: DeleteTopicsRequest = { topicNames: ['orders', 'payments'], timeoutMs: 5000 };

const response: DeleteTopicsResponse = {
  throttleTimeMs: 0,
  responses: [
    { name: 'orders', errorCode: 0 },
    { name: 'payments', errorCode: 3 },
  ],
};

const answered = array(frame(string('orders'), int16(0)), frame(string('payments'), int16(3)));

describe('DeleteTopics codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(deleteTopicsApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(deleteTopicsApi))('v%i request round-trips', (version) => {
    expect(requestRoundTrip(deleteTopicsApi, version, request)).toEqual(request);
  });

  it.each(versionsOf(deleteTopicsApi))('v%i response round-trips', (version) => {
    const { throttleTimeMs, ...v0 } = response;
    expect(responseRoundTrip(deleteTopicsApi, version, response)).toEqual(
      version >= 1 ? { throttleTimeMs, ...v0 } : v0,
    );
  });

  it('matches the grammar byte for byte', () => {
    const requestBytes = frame(array(string('orders'), string('payments')), int32(5000));
    expect(encodeRequest(deleteTopicsApi, 1, request)).toEqual(requestBytes);
    expect(decodeRequest(deleteTopicsApi, 0, requestBytes)).toEqual(request);
    expect(encodeResponse(deleteTopicsApi, 0, response)).toEqual(answered);
    expect(encodeResponse(deleteTopicsApi, 1, response)).toEqual(frame(int32(0), answered));
  });
});

import { ProtocolError } from '../../primitives';
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  requestRoundTrip,
  responseRoundTrip,
  string,
} from '../codec-test-kit';
import { heartbeatApi, type HeartbeatRequest, type HeartbeatResponse } from './index';

const request: HeartbeatRequest = {
  groupId: 'orders',
  generationId: 4,
  memberId: 'm-1',
  groupInstanceId: 'pod-a',
};

const response: HeartbeatResponse = { throttleTimeMs: 2, errorCode: 27 };

describe('Heartbeat codecs', () => {
  it('advertises v0-3', () => {
    expect([heartbeatApi.minVersion, heartbeatApi.maxVersion]).toEqual([0, 3]);
  });

  it.each([0, 1, 2])('v%i request round-trips without the instance id', (version) => {
    expect(requestRoundTrip(heartbeatApi, version, request)).toEqual({
      ...request,
      groupInstanceId: null,
    });
  });

  it('v3 request round-trips whole', () => {
    expect(requestRoundTrip(heartbeatApi, 3, request)).toEqual(request);
  });

  it('v0 response is the error code alone', () => {
    expect(responseRoundTrip(heartbeatApi, 0, response)).toEqual({ errorCode: 27 });
    expect(encodeResponse(heartbeatApi, 0, response)).toEqual(int16(27));
  });

  it.each([1, 2, 3])('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(heartbeatApi, version, response)).toEqual(response);
  });

  const v3RequestBytes = frame(string('orders'), int32(4), string('m-1'), string('pod-a'));
  const v3ResponseBytes = frame(int32(2), int16(27));

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(heartbeatApi, 0, request)).toEqual(
      frame(string('orders'), int32(4), string('m-1')),
    );
    expect(encodeRequest(heartbeatApi, 3, request)).toEqual(v3RequestBytes);
    expect(decodeRequest(heartbeatApi, 3, v3RequestBytes)).toEqual(request);
    expect(encodeResponse(heartbeatApi, 3, response)).toEqual(v3ResponseBytes);
    expect(decodeResponse(heartbeatApi, 3, v3ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(heartbeatApi, 3, v3RequestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

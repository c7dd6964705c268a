import { ProtocolError } from '../../primitives';
import {
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
} from '../codec-test-kit';
import {
  CoordinatorKeyType,
  findCoordinatorApi,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
} from './index';

const request: FindCoordinatorRequest = { key: 'orders', keyType: CoordinatorKeyType.Transaction };

const response: FindCoordinatorResponse = {
  throttleTimeMs: 5,
  errorCode: 0,
  errorMessage: null,
  nodeId: 1,
  host: '127.0.0.1',
  port: 9092,
};

describe('FindCoordinator codecs', () => {
  it('advertises v0-2', () => {
    expect([findCoordinatorApi.minVersion, findCoordinatorApi.maxVersion]).toEqual([0, 2]);
  });

  it('v0 request asks for a group coordinator', () => {
    expect(requestRoundTrip(findCoordinatorApi, 0, request)).toEqual({
      key: 'orders',
      keyType: CoordinatorKeyType.Group,
    });
  });

  it.each([1, 2])('v%i request round-trips whole', (version) => {
    expect(requestRoundTrip(findCoordinatorApi, version, request)).toEqual(request);
  });

  it('v0 response has no throttle time or error message', () => {
    expect(responseRoundTrip(findCoordinatorApi, 0, response)).toEqual({
      errorCode: 0,
      nodeId: 1,
      host: '127.0.0.1',
      port: 9092,
    });
  });

  it.each([1, 2])('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(findCoordinatorApi, version, response)).toEqual(response);
    const withMessage = { ...response, errorCode: 15, errorMessage: 'not available' };
    expect(responseRoundTrip(findCoordinatorApi, version, withMessage)).toEqual(withMessage);
  });

  const v2RequestBytes = frame(string('orders'), int8(1));
  const v0ResponseBytes = frame(int16(0), int32(1), string('127.0.0.1'), int32(9092));
  const v2ResponseBytes = frame(
    int32(5),
    int16(0),
    nullString,
    int32(1),
    string('127.0.0.1'),
    int32(9092),
  );

  it('matches the request grammar byte for byte', () => {
    expect(encodeRequest(findCoordinatorApi, 0, request)).toEqual(string('orders'));
    expect(encodeRequest(findCoordinatorApi, 2, request)).toEqual(v2RequestBytes);
    expect(decodeRequest(findCoordinatorApi, 2, v2RequestBytes)).toEqual(request);
  });

  it('matches the response grammar byte for byte', () => {
    expect(encodeResponse(findCoordinatorApi, 0, response)).toEqual(v0ResponseBytes);
    expect(encodeResponse(findCoordinatorApi, 2, response)).toEqual(v2ResponseBytes);
    expect(decodeResponse(findCoordinatorApi, 2, v2ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(findCoordinatorApi, 2, v2RequestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

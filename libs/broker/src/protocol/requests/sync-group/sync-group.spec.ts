import { ProtocolError } from '../../primitives';
import {
  array,
  bytes,
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
import { syncGroupApi, type SyncGroupRequest, type SyncGroupResponse } from './index';

const assignment = Buffer.of(0, 0, 0, 0, 0, 1, 0, 6);

const request: SyncGroupRequest = {
  groupId: 'orders',
  generationId: 4,
  memberId: 'm-1',
  groupInstanceId: 'pod-a',
  assignments: [
    { memberId: 'm-1', assignment },
    { memberId: 'm-2', assignment: Buffer.alloc(0) },
  ],
};

const response: SyncGroupResponse = { throttleTimeMs: 3, errorCode: 0, assignment };

describe('SyncGroup codecs', () => {
  it('advertises v0-3', () => {
    expect([syncGroupApi.minVersion, syncGroupApi.maxVersion]).toEqual([0, 3]);
  });

  it.each([0, 1, 2])('v%i request round-trips without the instance id', (version) => {
    expect(requestRoundTrip(syncGroupApi, version, request)).toEqual({
      ...request,
      groupInstanceId: null,
    });
  });

  it('v3 request round-trips whole', () => {
    expect(requestRoundTrip(syncGroupApi, 3, request)).toEqual(request);
  });

  it('v0 response has no throttle time', () => {
    expect(responseRoundTrip(syncGroupApi, 0, response)).toEqual({ errorCode: 0, assignment });
  });

  it.each([1, 2, 3])('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(syncGroupApi, version, response)).toEqual(response);
  });

  const v3RequestBytes = frame(
    string('orders'),
    int32(4),
    string('m-1'),
    string('pod-a'),
    array(frame(string('m-1'), bytes(assignment)), frame(string('m-2'), int32(0))),
  );
  const v3ResponseBytes = frame(int32(3), int16(0), bytes(assignment));

  it('matches the v3 grammar byte for byte', () => {
    expect(encodeRequest(syncGroupApi, 3, request)).toEqual(v3RequestBytes);
    expect(decodeRequest(syncGroupApi, 3, v3RequestBytes)).toEqual(request);
    expect(encodeResponse(syncGroupApi, 3, response)).toEqual(v3ResponseBytes);
    expect(decodeResponse(syncGroupApi, 3, v3ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(syncGroupApi, 3, v3RequestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

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
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
} from '../codec-test-kit';
import { leaveGroupApi, type LeaveGroupRequest, type LeaveGroupResponse } from './index';

const oneMember: LeaveGroupRequest = {
  groupId: 'orders',
  members: [{ memberId: 'm-1', groupInstanceId: null }],
};

const batch: LeaveGroupRequest = {
  groupId: 'orders',
  members: [
    { memberId: 'm-1', groupInstanceId: 'pod-a' },
    { memberId: 'm-2', groupInstanceId: null },
  ],
};

const response: LeaveGroupResponse = {
  throttleTimeMs: 1,
  errorCode: 0,
  members: [
    { memberId: 'm-1', groupInstanceId: 'pod-a', errorCode: 0 },
    { memberId: 'm-2', groupInstanceId: null, errorCode: 25 },
  ],
};

describe('LeaveGroup codecs', () => {
  it('advertises v0-3', () => {
    expect([leaveGroupApi.minVersion, leaveGroupApi.maxVersion]).toEqual([0, 3]);
  });

  it.each([0, 1, 2])('v%i request names one member, read as a list of one', (version) => {
    expect(requestRoundTrip(leaveGroupApi, version, oneMember)).toEqual(oneMember);
  });

  it.each([0, 1, 2])('v%i request cannot carry several members', (version) => {
    expect(() => encodeRequest(leaveGroupApi, version, batch)).toThrow(RangeError);
  });

  it('v3 request round-trips a batch', () => {
    expect(requestRoundTrip(leaveGroupApi, 3, batch)).toEqual(batch);
  });

  it('v0 response is the error code alone', () => {
    expect(responseRoundTrip(leaveGroupApi, 0, response)).toEqual({ errorCode: 0 });
  });

  it.each([1, 2])('v%i response adds the throttle time', (version) => {
    expect(responseRoundTrip(leaveGroupApi, version, response)).toEqual({
      throttleTimeMs: 1,
      errorCode: 0,
    });
  });

  it.each([0, 1, 2])('v%i answers with the leaving member’s error', (version) => {
    const unknownMember: LeaveGroupResponse = {
      throttleTimeMs: 0,
      errorCode: 0,
      members: [{ memberId: 'm-9', groupInstanceId: null, errorCode: 25 }],
    };
    expect(responseRoundTrip(leaveGroupApi, version, unknownMember)).toMatchObject({
      errorCode: 25,
    });
  });

  it('v3 response round-trips whole', () => {
    expect(responseRoundTrip(leaveGroupApi, 3, response)).toEqual(response);
  });

  const v0RequestBytes = frame(string('orders'), string('m-1'));
  const v3RequestBytes = frame(
    string('orders'),
    array(frame(string('m-1'), string('pod-a')), frame(string('m-2'), nullString)),
  );
  const v3ResponseBytes = frame(
    int32(1),
    int16(0),
    array(
      frame(string('m-1'), string('pod-a'), int16(0)),
      frame(string('m-2'), nullString, int16(25)),
    ),
  );

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(leaveGroupApi, 0, oneMember)).toEqual(v0RequestBytes);
    expect(decodeRequest(leaveGroupApi, 0, v0RequestBytes)).toEqual(oneMember);
    expect(encodeRequest(leaveGroupApi, 3, batch)).toEqual(v3RequestBytes);
    expect(decodeRequest(leaveGroupApi, 3, v3RequestBytes)).toEqual(batch);
    expect(encodeResponse(leaveGroupApi, 3, response)).toEqual(v3ResponseBytes);
    expect(decodeResponse(leaveGroupApi, 3, v3ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(leaveGroupApi, 3, v3RequestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

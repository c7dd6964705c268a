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
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
} from '../codec-test-kit';
import { joinGroupApi, type JoinGroupRequest, type JoinGroupResponse } from './index';

const metadata = Buffer.of(0, 1, 0, 0, 0, 1, 0, 6);

const request: JoinGroupRequest = {
  groupId: 'orders',
  sessionTimeoutMs: 30_000,
  rebalanceTimeoutMs: 60_000,
  memberId: 'm-1',
  groupInstanceId: 'pod-a',
  protocolType: 'consumer',
  protocols: [{ name: 'RoundRobinAssigner', metadata }],
};

const response: JoinGroupResponse = {
  throttleTimeMs: 7,
  errorCode: 0,
  generationId: 3,
  protocolName: 'RoundRobinAssigner',
  leader: 'm-1',
  memberId: 'm-2',
  members: [
    { memberId: 'm-1', groupInstanceId: 'pod-a', metadata },
    { memberId: 'm-2', groupInstanceId: null, metadata: Buffer.alloc(0) },
  ],
};

describe('JoinGroup codecs', () => {
  it('advertises v0-5', () => {
    expect([joinGroupApi.minVersion, joinGroupApi.maxVersion]).toEqual([0, 5]);
  });

  it('v0 takes the session timeout as the rebalance timeout and has no instance id', () => {
    expect(requestRoundTrip(joinGroupApi, 0, request)).toEqual({
      ...request,
      rebalanceTimeoutMs: 30_000,
      groupInstanceId: null,
    });
  });

  it.each([1, 2, 3, 4])('v%i request round-trips without the instance id', (version) => {
    expect(requestRoundTrip(joinGroupApi, version, request)).toEqual({
      ...request,
      groupInstanceId: null,
    });
  });

  it('v5 request round-trips whole', () => {
    expect(requestRoundTrip(joinGroupApi, 5, request)).toEqual(request);
  });

  const membersWithoutInstanceIds = response.members.map(({ memberId, metadata: m }) => ({
    memberId,
    metadata: m,
  }));

  it.each([0, 1])('v%i response has neither throttle time nor instance ids', (version) => {
    const { throttleTimeMs: _, ...rest } = response;
    expect(responseRoundTrip(joinGroupApi, version, response)).toEqual({
      ...rest,
      members: membersWithoutInstanceIds,
    });
  });

  it.each([2, 3, 4])('v%i response has a throttle time but no instance ids', (version) => {
    expect(responseRoundTrip(joinGroupApi, version, response)).toEqual({
      ...response,
      members: membersWithoutInstanceIds,
    });
  });

  it('v5 response round-trips whole', () => {
    expect(responseRoundTrip(joinGroupApi, 5, response)).toEqual(response);
  });

  const v0RequestBytes = frame(
    string('orders'),
    int32(30_000),
    string('m-1'),
    string('consumer'),
    array(frame(string('RoundRobinAssigner'), bytes(metadata))),
  );

  const v5RequestBytes = frame(
    string('orders'),
    int32(30_000),
    int32(60_000),
    string('m-1'),
    string('pod-a'),
    string('consumer'),
    array(frame(string('RoundRobinAssigner'), bytes(metadata))),
  );

  const v5ResponseBytes = frame(
    int32(7),
    int16(0),
    int32(3),
    string('RoundRobinAssigner'),
    string('m-1'),
    string('m-2'),
    array(
      frame(string('m-1'), string('pod-a'), bytes(metadata)),
      frame(string('m-2'), nullString, bytes(Buffer.alloc(0))),
    ),
  );

  it('matches the v0 request grammar byte for byte', () => {
    expect(encodeRequest(joinGroupApi, 0, request)).toEqual(v0RequestBytes);
  });

  it('matches the v5 request grammar byte for byte', () => {
    expect(encodeRequest(joinGroupApi, 5, request)).toEqual(v5RequestBytes);
    expect(decodeRequest(joinGroupApi, 5, v5RequestBytes)).toEqual(request);
  });

  it('matches the v5 response grammar byte for byte', () => {
    expect(encodeResponse(joinGroupApi, 5, response)).toEqual(v5ResponseBytes);
    expect(decodeResponse(joinGroupApi, 5, v5ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(joinGroupApi, 5, v5RequestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

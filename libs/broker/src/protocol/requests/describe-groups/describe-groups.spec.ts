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
import {
  describeGroupsApi,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
} from './index';

const request: DescribeGroupsRequest = { groups: ['orders', 'payments'] };

const memberMetadata = Buffer.of(0, 0, 0, 0, 0, 0);
const memberAssignment = Buffer.of(0, 0, 0, 0, 0, 0, 0, 0);

const response: DescribeGroupsResponse = {
  throttleTimeMs: 8,
  groups: [
    {
      errorCode: 0,
      groupId: 'orders',
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'RoundRobinAssigner',
      members: [
        {
          memberId: 'm-1',
          clientId: 'orders-service',
          clientHost: '/127.0.0.1',
          memberMetadata,
          memberAssignment,
        },
      ],
    },
    {
      errorCode: 0,
      groupId: 'payments',
      groupState: 'Dead',
      protocolType: '',
      protocolData: '',
      members: [],
    },
  ],
};

describe('DescribeGroups codecs', () => {
  it('advertises v0-2', () => {
    expect([describeGroupsApi.minVersion, describeGroupsApi.maxVersion]).toEqual([0, 2]);
  });

  it.each([0, 1, 2])('v%i request round-trips whole', (version) => {
    expect(requestRoundTrip(describeGroupsApi, version, request)).toEqual(request);
  });

  it('v0 response has no throttle time', () => {
    expect(responseRoundTrip(describeGroupsApi, 0, response)).toEqual({ groups: response.groups });
  });

  it.each([1, 2])('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(describeGroupsApi, version, response)).toEqual(response);
  });

  const v2RequestBytes = array(string('orders'), string('payments'));
  const v2ResponseBytes = frame(
    int32(8),
    array(
      frame(
        int16(0),
        string('orders'),
        string('Stable'),
        string('consumer'),
        string('RoundRobinAssigner'),
        array(
          frame(
            string('m-1'),
            string('orders-service'),
            string('/127.0.0.1'),
            bytes(memberMetadata),
            bytes(memberAssignment),
          ),
        ),
      ),
      frame(int16(0), string('payments'), string('Dead'), string(''), string(''), array()),
    ),
  );

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(describeGroupsApi, 2, request)).toEqual(v2RequestBytes);
    expect(decodeRequest(describeGroupsApi, 2, v2RequestBytes)).toEqual(request);
    expect(encodeResponse(describeGroupsApi, 2, response)).toEqual(v2ResponseBytes);
    expect(decodeResponse(describeGroupsApi, 2, v2ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated response', () => {
    expect(() => decodeResponse(describeGroupsApi, 2, v2ResponseBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

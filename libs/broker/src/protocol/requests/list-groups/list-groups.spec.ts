import { ProtocolError } from '../../primitives';
import {
  array,
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
import { listGroupsApi, type ListGroupsResponse } from './index';

const response: ListGroupsResponse = {
  throttleTimeMs: 9,
  errorCode: 0,
  groups: [
    { groupId: 'orders', protocolType: 'consumer' },
    { groupId: 'connect', protocolType: 'connect' },
  ],
};

describe('ListGroups codecs', () => {
  it('advertises v0-2', () => {
    expect([listGroupsApi.minVersion, listGroupsApi.maxVersion]).toEqual([0, 2]);
  });

  it.each([0, 1, 2])('v%i request is empty', (version) => {
    expect(encodeRequest(listGroupsApi, version, {})).toEqual(Buffer.alloc(0));
    expect(requestRoundTrip(listGroupsApi, version, {})).toEqual({});
  });

  it('v0 response has no throttle time', () => {
    expect(responseRoundTrip(listGroupsApi, 0, response)).toEqual({
      errorCode: 0,
      groups: response.groups,
    });
  });

  it.each([1, 2])('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(listGroupsApi, version, response)).toEqual(response);
  });

  const v2ResponseBytes = frame(
    int32(9),
    int16(0),
    array(frame(string('orders'), string('consumer')), frame(string('connect'), string('connect'))),
  );

  it('matches the grammar byte for byte', () => {
    expect(encodeResponse(listGroupsApi, 2, response)).toEqual(v2ResponseBytes);
    expect(decodeResponse(listGroupsApi, 2, v2ResponseBytes)).toEqual(response);
  });

  it('refuses a truncated response', () => {
    expect(() => decodeResponse(listGroupsApi, 2, v2ResponseBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

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
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import { deleteGroupsApi, type DeleteGroupsRequest, type DeleteGroupsResponse } from './index';

const request: DeleteGroupsRequest = { groupsNames: ['billing', 'audit'] };

const response: DeleteGroupsResponse = {
  throttleTimeMs: 0,
  results: [
    { groupId: 'billing', errorCode: 0 },
    { groupId: 'audit', errorCode: 68 },
  ],
};

const requestBytes = array(string('billing'), string('audit'));
// Unlike DeleteTopics, v0 already carries the throttle time.
const responseBytes = frame(
  int32(0),
  array(frame(string('billing'), int16(0)), frame(string('audit'), int16(68))),
);

describe('DeleteGroups codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(deleteGroupsApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(deleteGroupsApi))('v%i request round-trips whole', (version) => {
    expect(requestRoundTrip(deleteGroupsApi, version, request)).toEqual(request);
  });

  it.each(versionsOf(deleteGroupsApi))('v%i response round-trips whole', (version) => {
    expect(responseRoundTrip(deleteGroupsApi, version, response)).toEqual(response);
  });

  it.each(versionsOf(deleteGroupsApi))('v%i matches the grammar byte for byte', (version) => {
    expect(encodeRequest(deleteGroupsApi, version, request)).toEqual(requestBytes);
    expect(decodeRequest(deleteGroupsApi, version, requestBytes)).toEqual(request);
    expect(encodeResponse(deleteGroupsApi, version, response)).toEqual(responseBytes);
    expect(decodeResponse(deleteGroupsApi, version, responseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(deleteGroupsApi, 1, requestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});

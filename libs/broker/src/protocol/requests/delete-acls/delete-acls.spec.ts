import {
  array,
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
  versionsOf,
} from '../codec-test-kit';
import { deleteAclsApi, type DeleteAclsRequest, type DeleteAclsResponse } from './index';

const request: DeleteAclsRequest = {
  filters: [
    {
      resourceTypeFilter: 1,
      resourceNameFilter: null,
      patternTypeFilter: 3,
      principalFilter: 'User:bob',
      hostFilter: null,
      operation: 1,
      permissionType: 1,
    },
  ],
};
const response: DeleteAclsResponse = {
  throttleTimeMs: 0,
  filterResults: [
    {
      errorCode: 0,
      errorMessage: null,
      matchingAcls: [
        {
          errorCode: 0,
          errorMessage: null,
          resourceType: 2,
          resourceName: 'orders',
          patternType: 3,
          principal: 'User:bob',
          host: '*',
          operation: 3,
          permissionType: 3,
        },
      ],
    },
  ],
};

const requestBytes: Record<number, Buffer> = {
  0: array(frame(int8(1), nullString, string('User:bob'), nullString, int8(1), int8(1))),
  1: array(frame(int8(1), nullString, int8(3), string('User:bob'), nullString, int8(1), int8(1))),
};
const matching = (version: number) =>
  frame(
    int16(0),
    nullString,
    int8(2),
    string('orders'),
    version >= 1 ? int8(3) : Buffer.alloc(0),
    string('User:bob'),
    string('*'),
    int8(3),
    int8(3),
  );
const responseBytes = (version: number) =>
  frame(int32(0), array(frame(int16(0), nullString, array(matching(version)))));

describe('DeleteAcls codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(deleteAclsApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(deleteAclsApi))('v%i round-trips whole', (version) => {
    expect(requestRoundTrip(deleteAclsApi, version, request)).toEqual(request);
    expect(responseRoundTrip(deleteAclsApi, version, response)).toEqual(response);
  });

  it.each(versionsOf(deleteAclsApi))('v%i matches the grammar byte for byte', (version) => {
    const bytes = requestBytes[version] as Buffer;
    expect(encodeRequest(deleteAclsApi, version, request)).toEqual(bytes);
    expect(decodeRequest(deleteAclsApi, version, bytes)).toEqual(request);
    expect(encodeResponse(deleteAclsApi, version, response)).toEqual(responseBytes(version));
    expect(decodeResponse(deleteAclsApi, version, responseBytes(version))).toEqual(response);
  });
});

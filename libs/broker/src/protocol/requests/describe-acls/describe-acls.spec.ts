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
import { describeAclsApi, type DescribeAclsRequest, type DescribeAclsResponse } from './index';

// Literal patterns only: v0 carries no pattern type and means LITERAL (3).
const request: DescribeAclsRequest = {
  resourceTypeFilter: 2,
  resourceNameFilter: 'orders',
  patternTypeFilter: 3,
  principalFilter: null,
  hostFilter: '*',
  operation: 1,
  permissionType: 3,
};
const response: DescribeAclsResponse = {
  throttleTimeMs: 0,
  errorCode: 0,
  errorMessage: null,
  resources: [
    {
      resourceType: 2,
      resourceName: 'orders',
      patternType: 3,
      acls: [{ principal: 'User:alice', host: '*', operation: 4, permissionType: 3 }],
    },
  ],
};

const acl = frame(string('User:alice'), string('*'), int8(4), int8(3));
const requestBytes: Record<number, Buffer> = {
  0: frame(int8(2), string('orders'), nullString, string('*'), int8(1), int8(3)),
  1: frame(int8(2), string('orders'), int8(3), nullString, string('*'), int8(1), int8(3)),
};
const responseBytes: Record<number, Buffer> = {
  0: frame(int32(0), int16(0), nullString, array(frame(int8(2), string('orders'), array(acl)))),
  1: frame(
    int32(0),
    int16(0),
    nullString,
    array(frame(int8(2), string('orders'), int8(3), array(acl))),
  ),
};

describe('DescribeAcls codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(describeAclsApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(describeAclsApi))('v%i round-trips whole', (version) => {
    expect(requestRoundTrip(describeAclsApi, version, request)).toEqual(request);
    expect(responseRoundTrip(describeAclsApi, version, response)).toEqual(response);
  });

  it.each(versionsOf(describeAclsApi))('v%i matches the grammar byte for byte', (version) => {
    const bytes = requestBytes[version] as Buffer;
    expect(encodeRequest(describeAclsApi, version, request)).toEqual(bytes);
    expect(decodeRequest(describeAclsApi, version, bytes)).toEqual(request);
    expect(encodeResponse(describeAclsApi, version, response)).toEqual(responseBytes[version]);
    expect(decodeResponse(describeAclsApi, version, responseBytes[version] as Buffer)).toEqual(
      response,
    );
  });
});

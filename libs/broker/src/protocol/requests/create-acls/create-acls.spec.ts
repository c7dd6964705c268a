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
import { createAclsApi, type CreateAclsRequest, type CreateAclsResponse } from './index';

const request: CreateAclsRequest = {
  creations: [
    {
      resourceType: 3,
      resourceName: 'billing',
      resourcePatternType: 3,
      principal: 'User:bob',
      host: '*',
      operation: 3,
      permissionType: 3,
    },
  ],
};
const response: CreateAclsResponse = {
  throttleTimeMs: 0,
  results: [
    { errorCode: 0, errorMessage: null },
    { errorCode: 42, errorMessage: 'bad' },
  ],
};

const requestBytes: Record<number, Buffer> = {
  0: array(frame(int8(3), string('billing'), string('User:bob'), string('*'), int8(3), int8(3))),
  1: array(
    frame(int8(3), string('billing'), int8(3), string('User:bob'), string('*'), int8(3), int8(3)),
  ),
};
const responseBytes = frame(
  int32(0),
  array(frame(int16(0), nullString), frame(int16(42), string('bad'))),
);

describe('CreateAcls codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(createAclsApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(createAclsApi))('v%i round-trips whole', (version) => {
    expect(requestRoundTrip(createAclsApi, version, request)).toEqual(request);
    expect(responseRoundTrip(createAclsApi, version, response)).toEqual(response);
  });

  it.each(versionsOf(createAclsApi))('v%i matches the grammar byte for byte', (version) => {
    const bytes = requestBytes[version] as Buffer;
    expect(encodeRequest(createAclsApi, version, request)).toEqual(bytes);
    expect(decodeRequest(createAclsApi, version, bytes)).toEqual(request);
    expect(encodeResponse(createAclsApi, version, response)).toEqual(responseBytes);
    expect(decodeResponse(createAclsApi, version, responseBytes)).toEqual(response);
  });

  it('reads a v1 prefixed pattern', () => {
    const prefixed = array(
      frame(int8(2), string('audit-'), int8(4), string('User:a'), string('*'), int8(2), int8(2)),
    );
    expect(decodeRequest(createAclsApi, 1, prefixed).creations[0]?.resourcePatternType).toBe(4);
  });
});

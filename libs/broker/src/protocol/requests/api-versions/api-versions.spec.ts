import { ErrorCode } from '../../error-codes';
import {
  array,
  decodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  requestRoundTrip,
  responseRoundTrip,
  versionsOf,
} from '../codec-test-kit';
import { buildApiVersionsResponse } from './build-api-versions-response';
import { apiVersionsApi, type ApiVersionsResponse } from './index';

const response: ApiVersionsResponse = {
  errorCode: 0,
  apiKeys: [
    { apiKey: 0, minVersion: 3, maxVersion: 7 },
    { apiKey: 18, minVersion: 0, maxVersion: 2 },
  ],
  throttleTimeMs: 0,
};

const apiKeysBytes = array(
  frame(int16(0), int16(3), int16(7)),
  frame(int16(18), int16(0), int16(2)),
);

describe('ApiVersions codecs', () => {
  it('implements v0-2', () => {
    expect(versionsOf(apiVersionsApi)).toEqual([0, 1, 2]);
  });

  it.each(versionsOf(apiVersionsApi))('v%i request has an empty body', (version) => {
    expect(requestRoundTrip(apiVersionsApi, version, {})).toEqual({});
    expect(decodeRequest(apiVersionsApi, version, Buffer.alloc(0))).toEqual({});
  });

  it.each(versionsOf(apiVersionsApi))('v%i response round-trips', (version) => {
    const { throttleTimeMs, ...v0 } = response;
    expect(responseRoundTrip(apiVersionsApi, version, response)).toEqual(
      version >= 1 ? { ...v0, throttleTimeMs } : v0,
    );
  });

  it('matches the grammar byte for byte', () => {
    expect(encodeResponse(apiVersionsApi, 0, response)).toEqual(frame(int16(0), apiKeysBytes));
    expect(encodeResponse(apiVersionsApi, 2, response)).toEqual(
      frame(int16(0), apiKeysBytes, int32(0)),
    );
  });

  it('builds the answer from a registry, sorted by key', () => {
    const registry = new Map([
      [18, { minVersion: 0, maxVersion: 2 }],
      [0, { minVersion: 3, maxVersion: 7 }],
    ]);
    expect(buildApiVersionsResponse(registry)).toEqual(response);
    expect(buildApiVersionsResponse(registry, ErrorCode.UNSUPPORTED_VERSION).errorCode).toBe(35);
  });
});

import { ApiKey } from './api-keys';
import { apiRegistry } from './api-registry';
import { encodeUnsupportedApiVersionsResponse } from './api-versions-fallback';
import { ErrorCode } from './error-codes';
import { Reader, Writer } from './primitives';
import { array, frame, int16 } from './requests/codec-test-kit';
import { apiVersionsResponseV0 } from './requests/api-versions/v0/response';

describe('ApiVersions fallback for unsupported versions', () => {
  it('answers UNSUPPORTED_VERSION with the supported ranges in the v0 body', () => {
    const registry = new Map([
      [ApiKey.Fetch, { minVersion: 4, maxVersion: 11 }],
      [ApiKey.ApiVersions, { minVersion: 0, maxVersion: 2 }],
    ]);
    const writer = new Writer();
    encodeUnsupportedApiVersionsResponse(writer, registry);
    expect(writer.toBuffer()).toEqual(
      frame(
        int16(35),
        array(frame(int16(1), int16(4), int16(11)), frame(int16(18), int16(0), int16(2))),
      ),
    );
  });

  it('lists every API of the broker registry', () => {
    const writer = new Writer();
    encodeUnsupportedApiVersionsResponse(writer, apiRegistry);
    const reader = new Reader(writer.toBuffer());
    const decoded = apiVersionsResponseV0.read(reader);
    expect(reader.remaining).toBe(0);
    expect(decoded.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(decoded.apiKeys).toEqual(
      [...apiRegistry.values()]
        .map((api) => ({ apiKey: api.key, minVersion: api.minVersion, maxVersion: api.maxVersion }))
        .sort((a, b) => a.apiKey - b.apiKey),
    );
    expect(decoded.apiKeys).toContainEqual({
      apiKey: ApiKey.ApiVersions,
      minVersion: 0,
      maxVersion: 2,
    });
    expect(decoded.apiKeys).toContainEqual({
      apiKey: ApiKey.Produce,
      minVersion: 3,
      maxVersion: 7,
    });
  });
});

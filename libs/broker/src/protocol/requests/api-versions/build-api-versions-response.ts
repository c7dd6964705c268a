import { ErrorCode } from '../../error-codes';
import type { ApiVersionsResponse } from './index';

/** The part of an API definition that ApiVersions advertises. */
export interface AdvertisedApi {
  readonly minVersion: number;
  readonly maxVersion: number;
}

/**
 * The ApiVersions answer for a registry: one range per implemented API, by key, so that what is
 * advertised is exactly what the broker decodes.
 */
export function buildApiVersionsResponse(
  registry: ReadonlyMap<number, AdvertisedApi>,
  errorCode: ErrorCode = ErrorCode.NONE,
): ApiVersionsResponse {
  const apiKeys = [...registry]
    .sort(([a], [b]) => a - b)
    .map(([apiKey, api]) => ({
      apiKey,
      minVersion: api.minVersion,
      maxVersion: api.maxVersion,
    }));
  return { errorCode, apiKeys, throttleTimeMs: 0 };
}

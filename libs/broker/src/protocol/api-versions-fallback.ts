import { ErrorCode } from './error-codes';
import type { Writer } from './primitives';
import {
  type AdvertisedApi,
  buildApiVersionsResponse,
} from './requests/api-versions/build-api-versions-response';
import { apiVersionsResponseV0 } from './requests/api-versions/v0/response';

/**
 * The answer to an ApiVersions request of a version the broker does not implement (librdkafka
 * opens with v3): UNSUPPORTED_VERSION and the supported ranges in the v0 body, which every client
 * can read whatever version it sent; it then retries with the highest version both sides know.
 * The caller writes response header v0 before it (ApiVersions responses always use v0).
 */
export function encodeUnsupportedApiVersionsResponse(
  writer: Writer,
  registry: ReadonlyMap<number, AdvertisedApi>,
): void {
  const response = buildApiVersionsResponse(registry, ErrorCode.UNSUPPORTED_VERSION);
  apiVersionsResponseV0.write(writer, response);
}

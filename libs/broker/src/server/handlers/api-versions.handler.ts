import { apiVersionsApi } from '../../protocol/requests/api-versions';
import {
  buildApiVersionsResponse,
  type AdvertisedApi,
} from '../../protocol/requests/api-versions/build-api-versions-response';
import type { AnyRequestHandler } from '../request-handler';
import { defineHandler } from '../request-handler';

/** The ranges the handler table serves, for ApiVersions and its unsupported-version fallback. */
export const advertisedApis = (
  handlers: ReadonlyMap<number, AnyRequestHandler>,
): ReadonlyMap<number, AdvertisedApi> =>
  new Map([...handlers].map(([key, handler]) => [key, handler.api]));

/**
 * Advertises exactly the APIs and versions the handler table serves (read when first asked,
 * so the table may include this handler).
 */
export function apiVersionsHandler(handlers: ReadonlyMap<number, AnyRequestHandler>) {
  let response: ReturnType<typeof buildApiVersionsResponse> | undefined;
  return defineHandler(apiVersionsApi, () => {
    response ??= buildApiVersionsResponse(advertisedApis(handlers));
    return response;
  });
}

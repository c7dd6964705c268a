import type { ApiDefinition } from './api-definition';

/**
 * Every API the broker implements, by API key. ApiVersions advertises exactly this table, so
 * what is advertised is what is implemented. Each protocol module adds its entry here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const apiRegistry: ReadonlyMap<number, ApiDefinition<any, any>> = new Map<
  number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ApiDefinition<any, any>
>([
  // [produce.key, produce],
]);

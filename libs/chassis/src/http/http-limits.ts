/**
 * The limits every service's HTTP edge enforces (docs/runbook.md, "Limits at the edge"). Each has
 * an environment variable; 0 switches a limit off where that makes sense.
 */
export interface HttpLimits {
  /** RATE_LIMIT_PER_SECOND: requests a second per client IP, sustained; 0 = no rate limit. */
  rateLimitPerSecond: number;
  /** RATE_LIMIT_BURST: requests a client may send at once before the rate applies. */
  rateLimitBurst: number;
  /** MAX_IN_FLIGHT_REQUESTS: requests in progress per process; more get 503; 0 = no cap. */
  maxInFlightRequests: number;
  /** EVENT_LOOP_LAG_LIMIT_MS: above this event-loop lag new requests get 503; 0 = off. */
  eventLoopLagLimitMs: number;
  /** How often the event-loop lag is sampled (tests lower it). */
  eventLoopSampleMs: number;
  /** HTTP_HEADERS_TIMEOUT_MS: time a client has to send the request line and headers. */
  headersTimeoutMs: number;
  /** HTTP_REQUEST_TIMEOUT_MS: time a client has to send the whole request. */
  requestTimeoutMs: number;
  /** HTTP_KEEP_ALIVE_TIMEOUT_MS: how long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** HTTP_MAX_CONNECTIONS: open connections per process; more are closed at once; 0 = no cap. */
  maxConnections: number;
  /** HTTP_MAX_BODY_BYTES: the largest request body accepted (413 above). */
  maxBodyBytes: number;
  /** HTTP_MAX_JSON_DEPTH: the deepest nesting of objects and arrays a JSON body may have. */
  maxJsonDepth: number;
}

export const defaultHttpLimits: Readonly<HttpLimits> = {
  rateLimitPerSecond: 1000,
  rateLimitBurst: 2000,
  maxInFlightRequests: 256,
  eventLoopLagLimitMs: 1000,
  eventLoopSampleMs: 100,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
  maxBodyBytes: 64 * 1024,
  maxJsonDepth: 16,
};

const environmentNames: Partial<Record<keyof HttpLimits, string>> = {
  rateLimitPerSecond: 'RATE_LIMIT_PER_SECOND',
  rateLimitBurst: 'RATE_LIMIT_BURST',
  maxInFlightRequests: 'MAX_IN_FLIGHT_REQUESTS',
  eventLoopLagLimitMs: 'EVENT_LOOP_LAG_LIMIT_MS',
  headersTimeoutMs: 'HTTP_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'HTTP_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
  maxConnections: 'HTTP_MAX_CONNECTIONS',
  maxBodyBytes: 'HTTP_MAX_BODY_BYTES',
  maxJsonDepth: 'HTTP_MAX_JSON_DEPTH',
};

/** Limits that must be positive: a 0 here would refuse every request. */
const positive: ReadonlySet<keyof HttpLimits> = new Set<keyof HttpLimits>([
  'eventLoopSampleMs',
  'headersTimeoutMs',
  'requestTimeoutMs',
  'keepAliveTimeoutMs',
  'maxBodyBytes',
  'maxJsonDepth',
]);

/**
 * The limits from the environment over the defaults, then `overrides` (tests). A value that is not
 * a whole number, or is inconsistent, is an error at start-up rather than a surprise under load.
 * RATE_LIMIT_BURST defaults to twice RATE_LIMIT_PER_SECOND when only the rate is set.
 */
export function resolveHttpLimits(
  overrides: Partial<HttpLimits> = {},
  env: NodeJS.ProcessEnv = process.env,
): HttpLimits {
  const limits: HttpLimits = { ...defaultHttpLimits };
  for (const [key, name] of Object.entries(environmentNames) as [keyof HttpLimits, string][]) {
    const text = env[name]?.trim();
    if (!text) continue;
    if (!/^\d+$/.test(text)) {
      throw new Error(`${name} must be a whole number (0 or more), got "${text}"`);
    }
    limits[key] = Number(text);
  }
  if (env['RATE_LIMIT_PER_SECOND']?.trim() && !env['RATE_LIMIT_BURST']?.trim()) {
    limits.rateLimitBurst = 2 * limits.rateLimitPerSecond;
  }
  Object.assign(limits, overrides);
  for (const [key, value] of Object.entries(limits) as [keyof HttpLimits, number][]) {
    if (!Number.isSafeInteger(value) || value < 0 || (positive.has(key) && value === 0)) {
      const name = environmentNames[key] ?? key;
      throw new Error(
        `${name} must be a whole number ${positive.has(key) ? 'above 0' : '(0 or more)'}, got ${value}`,
      );
    }
  }
  if (limits.rateLimitPerSecond > 0 && limits.rateLimitBurst < 1) {
    throw new Error('RATE_LIMIT_BURST must be at least 1 when RATE_LIMIT_PER_SECOND is set');
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  return limits;
}

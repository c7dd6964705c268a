import { defaultHttpLimits, resolveHttpLimits } from './http-limits';

describe('resolveHttpLimits', () => {
  it('defaults without environment', () => {
    expect(resolveHttpLimits({}, {})).toEqual(defaultHttpLimits);
  });

  it('reads the environment, and a burst of twice the rate when only the rate is set', () => {
    const limits = resolveHttpLimits(
      {},
      { RATE_LIMIT_PER_SECOND: '50', MAX_IN_FLIGHT_REQUESTS: '0', HTTP_MAX_BODY_BYTES: '1024' },
    );
    expect(limits).toMatchObject({
      rateLimitPerSecond: 50,
      rateLimitBurst: 100,
      maxInFlightRequests: 0,
      maxBodyBytes: 1024,
    });
    expect(
      resolveHttpLimits({}, { RATE_LIMIT_PER_SECOND: '50', RATE_LIMIT_BURST: '60' }),
    ).toMatchObject({
      rateLimitBurst: 60,
    });
  });

  it('lets overrides win over the environment', () => {
    expect(
      resolveHttpLimits({ maxInFlightRequests: 3 }, { MAX_IN_FLIGHT_REQUESTS: '9' }),
    ).toMatchObject({
      maxInFlightRequests: 3,
    });
  });

  it.each([
    [{ RATE_LIMIT_PER_SECOND: 'lots' }, /RATE_LIMIT_PER_SECOND must be a whole number/],
    [{ HTTP_MAX_BODY_BYTES: '0' }, /HTTP_MAX_BODY_BYTES must be a whole number above 0/],
    [{ MAX_IN_FLIGHT_REQUESTS: '-1' }, /MAX_IN_FLIGHT_REQUESTS must be a whole number/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '60000' }, /must not exceed HTTP_REQUEST_TIMEOUT_MS/],
    [{ RATE_LIMIT_PER_SECOND: '10', RATE_LIMIT_BURST: '0' }, /RATE_LIMIT_BURST must be at least 1/],
  ])('refuses %j', (env, message) => {
    expect(() => resolveHttpLimits({}, env)).toThrow(message);
  });
});

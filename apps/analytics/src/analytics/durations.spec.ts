import { summariseDurations } from './durations';

describe('summariseDurations', () => {
  it('gives nearest-rank percentiles, the maximum and a cumulative histogram', () => {
    const durations = Array.from({ length: 20 }, (_, index) => (index + 1) * 100);

    const summary = summariseDurations(durations);

    expect(summary).toMatchObject({ count: 20, p50Ms: 1_000, p95Ms: 1_900, maxMs: 2_000 });
    const bucket = (leMs: number | '+Inf') =>
      summary.histogram.find((entry) => entry.leMs === leMs)?.count;
    expect(bucket(100)).toBe(1);
    expect(bucket(1_000)).toBe(10);
    expect(bucket(2_500)).toBe(20);
    expect(bucket('+Inf')).toBe(20);
  });

  it('does not depend on the order the durations come in', () => {
    expect(summariseDurations([300, 100, 200])).toEqual(summariseDurations([100, 200, 300]));
  });

  it('has no percentiles before any order finished', () => {
    expect(summariseDurations([])).toMatchObject({ count: 0, p50Ms: null, p95Ms: null });
  });
});

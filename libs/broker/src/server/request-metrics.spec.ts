import { RequestMetrics } from './request-metrics';

describe('RequestMetrics', () => {
  it('keeps one histogram per API and starts afresh after each snapshot', () => {
    const metrics = new RequestMetrics();
    for (let i = 1; i <= 100; i++) metrics.record(0, i / 100);
    metrics.record(8, 3);

    const first = metrics.takeSnapshot();
    expect(first.map(({ apiKey, count }) => [apiKey, count])).toEqual([
      [0, 100],
      [8, 1],
    ]);
    const produce = first[0];
    expect(produce?.p50Ms).toBeCloseTo(0.5, 2);
    expect(produce?.p99Ms).toBeCloseTo(0.99, 2);
    expect(produce?.maxMs).toBeCloseTo(1, 2);

    expect(metrics.takeSnapshot()).toEqual([]);
  });

  it('counts every request, however short or long', () => {
    const metrics = new RequestMetrics();
    metrics.record(1, 0);
    metrics.record(1, 2 * 3_600_000);
    const [fetch] = metrics.takeSnapshot();
    expect(fetch?.count).toBe(2);
    expect(fetch?.p50Ms).toBeLessThan(0.001);
    expect(fetch?.maxMs).toBeGreaterThan(3_500_000);
  });
});

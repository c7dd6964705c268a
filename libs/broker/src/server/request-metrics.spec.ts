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
    expect(produce?.p50Ms).toBeCloseTo(0.5, 1);
    expect(produce?.p99Ms).toBeCloseTo(0.99, 1);
    expect(produce?.maxMs).toBe(1);

    expect(metrics.takeSnapshot()).toEqual([]);
  });
});

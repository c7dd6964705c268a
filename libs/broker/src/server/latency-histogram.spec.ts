import fc from 'fast-check';
import { LatencyHistogram } from './latency-histogram';

function exactPercentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

describe('LatencyHistogram', () => {
  it('reads every percentile to within one bucket (4.4 %) of the exact value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.002, max: 60_000, noNaN: true }), {
          minLength: 1,
          maxLength: 500,
        }),
        fc.integer({ min: 1, max: 100 }),
        (samples, p) => {
          const histogram = new LatencyHistogram();
          for (const sample of samples) histogram.record(sample);
          const exact = exactPercentile(
            [...samples].sort((a, b) => a - b),
            p,
          );
          const read = histogram.percentile(p);
          expect(read).toBeGreaterThanOrEqual(exact * 0.999);
          expect(read).toBeLessThanOrEqual(exact * 1.045);
        },
      ),
    );
  });

  it('keeps the count and the exact maximum, and reports zero when empty', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(99)).toBe(0);
    for (const ms of [0.5, 0.25, 12.5, 0]) histogram.record(ms);
    expect(histogram.count).toBe(4);
    expect(histogram.maxMs).toBe(12.5);
    expect(histogram.percentile(100)).toBe(12.5);
    expect(histogram.percentile(25)).toBeLessThanOrEqual(0.001);
  });
});

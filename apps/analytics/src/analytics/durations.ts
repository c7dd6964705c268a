/** The bucket bounds of the time-to-final-status histogram, in milliseconds. */
export const DURATION_BUCKETS_MS = [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000];

export interface DurationSummary {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** Orders that reached their final status within each bound; the last bucket is everything. */
  histogram: { leMs: number | '+Inf'; count: number }[];
}

/**
 * Percentiles (nearest rank: a duration some order really took) and a cumulative histogram, as
 * Prometheus draws one, of the times orders took from OrderCreated to their final status.
 */
export function summariseDurations(durationsMs: readonly number[]): DurationSummary {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const rank = (percentile: number) =>
    sorted.length === 0 ? null : sorted[Math.ceil((percentile / 100) * sorted.length) - 1];
  return {
    count: sorted.length,
    p50Ms: rank(50),
    p95Ms: rank(95),
    maxMs: sorted.length === 0 ? null : sorted[sorted.length - 1],
    histogram: [
      ...DURATION_BUCKETS_MS.map((leMs) => ({
        leMs,
        count: sorted.filter((duration) => duration <= leMs).length,
      })),
      { leMs: '+Inf' as const, count: sorted.length },
    ],
  };
}

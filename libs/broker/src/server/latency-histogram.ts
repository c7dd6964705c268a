/**
 * A fixed-size latency histogram: logarithmic buckets, 16 per doubling (each about 4.4 % wide),
 * from 1 microsecond to about 70 minutes. Recording is one Math.log2 and one array increment,
 * so it can sit on every request's path; percentiles are read to within one bucket.
 */
const BUCKETS_PER_DOUBLING = 16;
const MIN_MS = 0.001;
const DOUBLINGS = 32;
const BUCKET_COUNT = BUCKETS_PER_DOUBLING * DOUBLINGS + 1;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private max = 0;

  get count(): number {
    return this.total;
  }

  get maxMs(): number {
    return this.max;
  }

  record(ms: number): void {
    const bucket =
      ms <= MIN_MS
        ? 0
        : Math.min(BUCKET_COUNT - 1, Math.ceil(Math.log2(ms / MIN_MS) * BUCKETS_PER_DOUBLING));
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.total++;
    if (ms > this.max) this.max = ms;
  }

  /** The upper bound of the bucket holding the p-th percentile (0 < p <= 100), at most the max. */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
      seen += this.counts[bucket] as number;
      if (seen >= rank) return Math.min(this.max, MIN_MS * 2 ** (bucket / BUCKETS_PER_DOUBLING));
    }
    return this.max;
  }
}

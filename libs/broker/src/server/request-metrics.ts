import { LatencyHistogram } from './latency-histogram';

/** How long one API's requests took, from their frame arriving to their response being written. */
export interface RequestTimes {
  apiKey: number;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Per-API request times, in the spirit of Kafka's RequestMetrics TotalTimeMs: the time a request
 * spends inside the broker, so a client-side latency can be split into the broker's share and
 * everything else (client, network, scheduling). A Fetch's time includes its long poll.
 */
export class RequestMetrics {
  private histograms = new Map<number, LatencyHistogram>();

  record(apiKey: number, ms: number): void {
    let histogram = this.histograms.get(apiKey);
    if (!histogram) {
      histogram = new LatencyHistogram();
      this.histograms.set(apiKey, histogram);
    }
    histogram.record(ms);
  }

  /** The times since the previous call (or since start), by API key; counting starts afresh. */
  takeSnapshot(): RequestTimes[] {
    const snapshot = [...this.histograms.entries()]
      .sort(([a], [b]) => a - b)
      .map(([apiKey, histogram]) => ({
        apiKey,
        count: histogram.count,
        p50Ms: histogram.percentile(50),
        p99Ms: histogram.percentile(99),
        maxMs: histogram.maxMs,
      }));
    this.histograms = new Map();
    return snapshot;
  }
}

import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** How long one API's requests took, from their frame arriving to their response being written. */
export interface RequestTimes {
  apiKey: number;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const NS_PER_MS = 1e6;
/** Longer times are recorded as an hour: an HDR histogram silently drops values beyond its range. */
const HIGHEST_NS = 3600 * 1000 * NS_PER_MS;

/**
 * Per-API request times, in the spirit of Kafka's RequestMetrics TotalTimeMs: the time a request
 * spends inside the broker, so a client-side latency can be split into the broker's share and
 * everything else (client, network, scheduling). A Fetch's time includes its long poll.
 * Node's HDR histograms keep three significant digits from 1 ns to an hour.
 */
export class RequestMetrics {
  private histograms = new Map<number, RecordableHistogram>();

  record(apiKey: number, ms: number): void {
    let histogram = this.histograms.get(apiKey);
    if (!histogram) {
      histogram = createHistogram({ lowest: 1, highest: HIGHEST_NS, figures: 3 });
      this.histograms.set(apiKey, histogram);
    }
    histogram.record(Math.min(HIGHEST_NS, Math.max(1, Math.round(ms * NS_PER_MS))));
  }

  /** The times since the previous call (or since start), by API key; counting starts afresh. */
  takeSnapshot(): RequestTimes[] {
    const snapshot = [...this.histograms.entries()]
      .sort(([a], [b]) => a - b)
      .map(([apiKey, histogram]) => ({
        apiKey,
        count: histogram.count,
        p50Ms: histogram.percentile(50) / NS_PER_MS,
        p99Ms: histogram.percentile(99) / NS_PER_MS,
        maxMs: histogram.max / NS_PER_MS,
      }));
    this.histograms = new Map();
    return snapshot;
  }
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary {
  return {
    count: samplesMs.length,
    p50Ms: percentile(samplesMs, 50),
    p99Ms: percentile(samplesMs, 99),
    maxMs:
      samplesMs.length === 0
        ? Number.NaN
        : samplesMs.reduce((max, sample) => Math.max(max, sample)),
  };
}

export interface Throughput {
  messages: number;
  bytes: number;
  seconds: number;
  messagesPerSecond: number;
  megabytesPerSecond: number;
}

/** MB here is 10^6 bytes, as in every MB/s figure of the report. */
export function throughput(messages: number, bytes: number, seconds: number): Throughput {
  return {
    messages,
    bytes,
    seconds,
    messagesPerSecond: messages / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
  };
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

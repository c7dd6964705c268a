import { median } from './stats';

/** Every figure one benchmark run can produce; a phase that failed or was skipped leaves gaps. */
export const metricNames = [
  'produceMessagesPerSecond',
  'produceMegabytesPerSecond',
  'produceAckP50Ms',
  'produceAckP99Ms',
  'produceBrokerCpuSeconds',
  'produceClientCpuSeconds',
  'consumeMessagesPerSecond',
  'consumeMegabytesPerSecond',
  'consumeStartSeconds',
  'consumeBrokerCpuSeconds',
  'latencyP50Ms',
  'latencyP99Ms',
  'latencyMaxMs',
  'latencyAckP50Ms',
  'latencyAckP99Ms',
  'latencyInBrokerProduceP50Ms',
  'latencyInBrokerProduceP99Ms',
  'latencyInBrokerOffsetCommitP50Ms',
  'latencyInBrokerOffsetCommitP99Ms',
  'latencyRequestsPerMessage',
  'latencyBrokerCpuSeconds',
  'latencyClientCpuSeconds',
  'kcatIngestMegabytesPerSecond',
  'kcatIngestMessagesPerSecond',
  'kcatIngestBrokerCpuSeconds',
  'kcatConsumeMegabytesPerSecond',
  'kcatConsumeMessagesPerSecond',
  'brokerPeakRssBytes',
  'natsPublishMessagesPerSecond',
  'natsPublishMegabytesPerSecond',
  'natsPublishAckP50Ms',
  'natsPublishAckP99Ms',
  'natsPublishServerCpuSeconds',
  'natsPublishClientCpuSeconds',
  'natsConsumeMessagesPerSecond',
  'natsConsumeMegabytesPerSecond',
  'natsConsumeStartSeconds',
  'natsConsumeServerCpuSeconds',
  'natsLatencyP50Ms',
  'natsLatencyP99Ms',
  'natsLatencyMaxMs',
  'natsAckedLatencyP50Ms',
  'natsAckedLatencyP99Ms',
  'natsAckedLatencyMaxMs',
  'natsLatencyServerCpuSeconds',
  'natsLatencyClientCpuSeconds',
  'loadAverage',
  'storedMessages',
  'storedProduceMegabytesPerSecond',
  'storedRssBytes',
  'storedPeakRssBytes',
  'storedRestartRssBytes',
] as const;

export type MetricName = (typeof metricNames)[number];
export type RunMetrics = Partial<Record<MetricName, number>>;

/** Per figure, the median over the runs that produced it. */
export function medianMetrics(runs: readonly RunMetrics[]): RunMetrics {
  const result: RunMetrics = {};
  for (const name of metricNames) {
    const values = runs.map((run) => run[name]).filter((value) => value !== undefined);
    if (values.length > 0) result[name] = median(values);
  }
  return result;
}

/** Per run ratio a/b, then the median: ratios measured within one run, as the notes advise. */
export function medianRatio(
  runs: readonly RunMetrics[],
  numerator: MetricName,
  denominator: MetricName,
): number | undefined {
  const ratios = runs
    .map((run) => (run[numerator] ?? Number.NaN) / (run[denominator] ?? Number.NaN))
    .filter((ratio) => Number.isFinite(ratio));
  return ratios.length > 0 ? median(ratios) : undefined;
}

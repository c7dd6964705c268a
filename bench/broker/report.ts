import { availableParallelism } from 'node:os';
import { medianMetrics, medianRatio, type MetricName, type RunMetrics } from './metrics';

export interface ReportContext {
  runs: readonly RunMetrics[];
  messages: number;
  size: number;
  rate: number;
  latencySeconds: number;
  latencyWarmupSeconds: number;
  batch: number;
  inflight: number;
  natsWindow: number;
}

type Verdict = 'met' | 'MISSED' | 'n/a';

interface Row {
  figure: string;
  broker: string;
  jetStream: string;
  ratio: string;
  target: string;
  verdict: Verdict | '';
}

const MIB = 1024 * 1024;

function number(value: number | undefined, digits = 0): string {
  return value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });
}

function rateCell(metrics: RunMetrics, messages: MetricName, megabytes: MetricName): string {
  if (metrics[messages] === undefined) return '—';
  return `${number(metrics[messages])} msg/s, ${number(metrics[megabytes], 1)} MB/s`;
}

function latencyCell(
  metrics: RunMetrics,
  p50: MetricName,
  p99: MetricName,
  max?: MetricName,
): string {
  if (metrics[p50] === undefined) return '—';
  const tail = max && metrics[max] !== undefined ? ` (max ${number(metrics[max], 1)})` : '';
  return `p50 ${number(metrics[p50], 2)} ms, p99 ${number(metrics[p99], 2)} ms${tail}`;
}

function ratioCell(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${number(ratio, 2)}x`;
}

function verdict(value: number | undefined, passes: (value: number) => boolean): Verdict {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return passes(value) ? 'met' : 'MISSED';
}

export function buildRows(context: ReportContext): Row[] {
  const { runs } = context;
  const m = medianMetrics(runs);
  const publishRatio = medianRatio(
    runs,
    'produceMessagesPerSecond',
    'natsPublishMessagesPerSecond',
  );
  const consumeRatio = medianRatio(
    runs,
    'consumeMessagesPerSecond',
    'natsConsumeMessagesPerSecond',
  );
  const latencyRatio = medianRatio(runs, 'latencyP99Ms', 'natsLatencyP99Ms');
  const storedRss = Math.max(m.storedRssBytes ?? Number.NaN, m.storedRestartRssBytes ?? Number.NaN);
  const storedMessages = m.storedMessages === undefined ? 'N' : number(m.storedMessages);
  return [
    {
      figure: `Publish: kafkajs acks=-1, ${context.batch} msgs/send, ${context.inflight} in flight; JetStream async publish, window ${context.natsWindow}`,
      broker: rateCell(m, 'produceMessagesPerSecond', 'produceMegabytesPerSecond'),
      jetStream: rateCell(m, 'natsPublishMessagesPerSecond', 'natsPublishMegabytesPerSecond'),
      ratio: ratioCell(publishRatio),
      target: '≥ 2x JetStream',
      verdict: verdict(publishRatio, (ratio) => ratio >= 2),
    },
    {
      figure: 'Publish ack latency (broker: per send call; JetStream: per message)',
      broker: latencyCell(m, 'produceAckP50Ms', 'produceAckP99Ms'),
      jetStream: latencyCell(m, 'natsPublishAckP50Ms', 'natsPublishAckP99Ms'),
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: 'Consume: kafkajs group, eachBatch; JetStream ordered pull consumer',
      broker: rateCell(m, 'consumeMessagesPerSecond', 'consumeMegabytesPerSecond'),
      jetStream: rateCell(m, 'natsConsumeMessagesPerSecond', 'natsConsumeMegabytesPerSecond'),
      ratio: ratioCell(consumeRatio),
      target: '≥ 1x JetStream',
      verdict: verdict(consumeRatio, (ratio) => ratio >= 1),
    },
    {
      figure: 'Consume start (subscribe to first batch, not in the rate above)',
      broker: `${number(m.consumeStartSeconds, 2)} s`,
      jetStream: `${number(m.natsConsumeStartSeconds, 2)} s`,
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: `Produce-to-consume latency at ${number(context.rate)} msg/s`,
      broker: latencyCell(m, 'latencyP50Ms', 'latencyP99Ms', 'latencyMaxMs'),
      jetStream: latencyCell(m, 'natsLatencyP50Ms', 'natsLatencyP99Ms', 'natsLatencyMaxMs'),
      ratio: ratioCell(latencyRatio),
      target: 'p99 ≤ JetStream p99',
      verdict: verdict(latencyRatio, (ratio) => ratio <= 1),
    },
    {
      figure: '… JetStream with a durable consumer acking each message (like-for-like of a group)',
      broker: '',
      jetStream: latencyCell(
        m,
        'natsAckedLatencyP50Ms',
        'natsAckedLatencyP99Ms',
        'natsAckedLatencyMaxMs',
      ),
      ratio: ratioCell(medianRatio(runs, 'latencyP99Ms', 'natsAckedLatencyP99Ms')),
      target: '',
      verdict: '',
    },
    {
      figure: '… of which produce ack (send() to ack, one message per send)',
      broker: latencyCell(m, 'latencyAckP50Ms', 'latencyAckP99Ms'),
      jetStream: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: '… time inside the broker (frame in → response written): Produce; OffsetCommit',
      broker: `${latencyCell(m, 'latencyInBrokerProduceP50Ms', 'latencyInBrokerProduceP99Ms')}; ${latencyCell(m, 'latencyInBrokerOffsetCommitP50Ms', 'latencyInBrokerOffsetCommitP99Ms')}`,
      jetStream: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: '… requests the broker served per message (Produce, Fetch, OffsetCommit, …)',
      broker: number(m.latencyRequestsPerMessage, 2),
      jetStream: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: 'kcat ingest (-P -l, linger.ms=5, batch.num.messages=10000, acks=all)',
      broker: rateCell(m, 'kcatIngestMessagesPerSecond', 'kcatIngestMegabytesPerSecond'),
      jetStream: '',
      ratio: '',
      target: '≥ 150 MB/s',
      verdict: verdict(m.kcatIngestMegabytesPerSecond, (mbps) => mbps >= 150),
    },
    {
      figure: 'kcat consume (-C -o beginning -e)',
      broker: rateCell(m, 'kcatConsumeMessagesPerSecond', 'kcatConsumeMegabytesPerSecond'),
      jetStream: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: 'Server CPU time: publish / consume / latency run',
      broker: `${number(m.produceBrokerCpuSeconds, 2)} s / ${number(m.consumeBrokerCpuSeconds, 2)} s / ${number(m.latencyBrokerCpuSeconds, 2)} s`,
      jetStream: `${number(m.natsPublishServerCpuSeconds, 2)} s / ${number(m.natsConsumeServerCpuSeconds, 2)} s / ${number(m.natsLatencyServerCpuSeconds, 2)} s (nats-server)`,
      ratio: ratioCell(medianRatio(runs, 'produceBrokerCpuSeconds', 'natsPublishServerCpuSeconds')),
      target: '',
      verdict: '',
    },
    {
      figure: 'Broker CPU time: kcat ingest',
      broker: `${number(m.kcatIngestBrokerCpuSeconds, 2)} s`,
      jetStream: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: 'Client CPU time: publish phase / latency run (kafkajs; nats.js)',
      broker: `${number(m.produceClientCpuSeconds, 2)} s / ${number(m.latencyClientCpuSeconds, 2)} s`,
      jetStream: `${number(m.natsPublishClientCpuSeconds, 2)} s / ${number(m.natsLatencyClientCpuSeconds, 2)} s`,
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: 'Broker peak RSS over the whole run',
      broker: `${number((m.brokerPeakRssBytes ?? Number.NaN) / MIB, 1)} MiB`,
      jetStream: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      figure: `Broker RSS with ${storedMessages} x 1 KiB stored (after produce; after restart) [peak]`,
      broker: `${number((m.storedRssBytes ?? Number.NaN) / MIB, 1)} MiB; ${number((m.storedRestartRssBytes ?? Number.NaN) / MIB, 1)} MiB [${number((m.storedPeakRssBytes ?? Number.NaN) / MIB, 1)} MiB]`,
      jetStream: '',
      ratio: '',
      target: '< 150 MiB',
      verdict: verdict(storedRss / MIB, (mib) => mib < 150),
    },
  ];
}

/** A Markdown table: readable in a terminal and pasteable into docs/benchmarks.md. */
export function renderReport(context: ReportContext): string {
  const header = ['Figure', 'Broker', 'JetStream', 'Broker / JetStream', 'Target', 'Met'];
  const lines = buildRows(context).map((row) => [
    row.figure,
    row.broker,
    row.jetStream,
    row.ratio,
    row.target,
    row.verdict,
  ]);
  const table = [header, header.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
  const runs = context.runs.length;
  return [
    `${number(context.messages)} messages of ${number(context.size)} B per throughput phase; ` +
      `latency runs: ${context.latencySeconds} s measured after ${context.latencyWarmupSeconds} s unmeasured; ` +
      `${runs === 1 ? 'one run' : `median of ${runs} runs (ratios: median of per-run ratios)`}; ` +
      `1-minute load average at the end of each run: ` +
      `${context.runs.map((run) => number(run.loadAverage, 1)).join(', ')} (${availableParallelism()} CPUs).`,
    '',
    table,
  ].join('\n');
}

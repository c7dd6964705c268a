import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Messages per throughput phase (kafkajs, kcat, JetStream). */
  messages: number;
  /** Value size in bytes. */
  size: number;
  /** Steady rate (messages/s) of the produce-to-consume latency runs. */
  rate: number;
  /** Length of each latency run. */
  latencySeconds: number;
  /** Unmeasured seconds at the latency rate before each latency run: JIT and heap settle. */
  latencyWarmupSeconds: number;
  /** Messages per kafkajs send() call. */
  batch: number;
  /** Concurrent kafkajs send() calls. */
  inflight: number;
  /** Unacknowledged JetStream publishes allowed at once. */
  natsWindow: number;
  /** Whole runs; the report quotes each figure's median. */
  runs: number;
  /** Messages stored for the broker RSS check; 0 skips it. */
  stored: number;
  skipNats: boolean;
  skipKcat: boolean;
  natsUrl: string;
  /** Built JavaScript (as `npm run broker` runs it) or TypeScript through @swc-node/register. */
  brokerRuntime: 'compiled' | 'swc-node';
  /** Also write every run's figures (and their medians) as JSON to this file. */
  json: string | undefined;
  /** Extra node flags for the broker child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  brokerNodeArgs: string[];
}

const usage = `npm run bench:broker -- [options]
  --messages N         messages per throughput phase (default 200000)
  --size BYTES         message value size (default 1024)
  --rate N             messages/s for the latency runs (default 1000)
  --latency-seconds S  length of each latency run (default 10)
  --latency-warmup-seconds S  unmeasured seconds at --rate before each latency run (default 5)
  --batch N            messages per kafkajs send() (default 1000)
  --inflight N         concurrent kafkajs send() calls (default 4)
  --nats-window N      concurrent unacknowledged JetStream publishes (default 256)
  --runs N             whole runs; the report quotes medians (default 1)
  --stored N           messages stored for the broker RSS check, 0 to skip (default 1000000)
  --skip-nats          no JetStream baseline
  --skip-kcat          no kcat phases
  --nats-url URL       default nats://127.0.0.1:4222
  --json FILE          also write every run's figures and the medians as JSON
  --broker-runtime R   compiled (default: npm run build:broker first, as npm run broker does) or swc-node
  --broker-node-args=FLAGS  extra node flags for the broker child (e.g. --broker-node-args="--cpu-prof")`;

function positiveInteger(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(
      `--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer\n${usage}`,
    );
  }
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      messages: { type: 'string', default: '200000' },
      size: { type: 'string', default: '1024' },
      rate: { type: 'string', default: '1000' },
      'latency-seconds': { type: 'string', default: '10' },
      'latency-warmup-seconds': { type: 'string', default: '5' },
      batch: { type: 'string', default: '1000' },
      inflight: { type: 'string', default: '4' },
      'nats-window': { type: 'string', default: '256' },
      runs: { type: 'string', default: '1' },
      stored: { type: 'string', default: '1000000' },
      'skip-nats': { type: 'boolean', default: false },
      'skip-kcat': { type: 'boolean', default: false },
      'nats-url': { type: 'string', default: 'nats://127.0.0.1:4222' },
      'broker-node-args': { type: 'string', default: '' },
      'broker-runtime': { type: 'string', default: 'compiled' },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const brokerRuntime = values['broker-runtime'];
  if (brokerRuntime !== 'compiled' && brokerRuntime !== 'swc-node') {
    throw new Error(`--broker-runtime must be compiled or swc-node\n${usage}`);
  }
  return {
    brokerRuntime,
    json: values.json,
    messages: positiveInteger('messages', values.messages),
    size: positiveInteger('size', values.size),
    rate: positiveInteger('rate', values.rate),
    latencySeconds: positiveInteger('latency-seconds', values['latency-seconds']),
    latencyWarmupSeconds: positiveInteger(
      'latency-warmup-seconds',
      values['latency-warmup-seconds'],
      true,
    ),
    batch: positiveInteger('batch', values.batch),
    inflight: positiveInteger('inflight', values.inflight),
    natsWindow: positiveInteger('nats-window', values['nats-window']),
    runs: positiveInteger('runs', values.runs),
    stored: positiveInteger('stored', values.stored, true),
    skipNats: values['skip-nats'],
    skipKcat: values['skip-kcat'],
    natsUrl: values['nats-url'],
    brokerNodeArgs: values['broker-node-args'].split(' ').filter((arg) => arg.length > 0),
  };
}

/**
 * `npm run load -- --rate R --duration S`: places orders on a running system at a fixed arrival
 * rate and reports what happened to them (see docs/benchmarks.md).
 */
import { parseArgs } from 'node:util';
import { type ProcessSample, sampleProcess } from '../broker/process-stats';
import { openBenchContext } from './bench-context';
import { listeningPids } from './listening-processes';
import { SERVICE_PORTS } from './service-metrics';
import { runLoadStep } from './load-step';
import { formatStep } from './report';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
      json: { type: 'boolean', default: false },
    },
  });
  const rate = Number(values.rate);
  const duration = Number(values.duration);
  if (!(rate > 0) || !(duration > 0)) {
    process.stderr.write('--rate and --duration must be positive numbers\n');
    process.exit(2);
  }
  const pids = listeningPids({ ...SERVICE_PORTS, broker: Number(values.brokers.split(':').pop()) });
  const context = await openBenchContext({
    ordersUrl: values.url,
    kafkaBrokers: values.brokers,
    // A running `npm start`'s: its operator credentials are there.
    dataDir: process.env.DATA_DIR || '.data',
    drainTimeoutMs: 30_000,
    sampleProcesses: () => {
      const samples: Record<string, ProcessSample> = {};
      for (const [name, pid] of Object.entries(pids)) {
        try {
          samples[name] = sampleProcess(pid);
        } catch {
          // Gone since the bench looked.
        }
      }
      return samples;
    },
  });
  context.firstSequence = Date.now() % 1_000_000;
  try {
    const step = await runLoadStep(rate, duration, context);
    process.stdout.write(
      values.json ? `${JSON.stringify(step, null, 2)}\n` : `${formatStep(step)}\n`,
    );
  } finally {
    await context.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

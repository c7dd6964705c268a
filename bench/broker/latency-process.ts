import { join } from 'node:path';
import type { LatencyResult } from './kafkajs-bench';
import type { JetStreamLatencyResult } from './nats-bench';
import { runToExit } from './run-to-exit';

/** Rate, length, warm-up and value size of a latency run: the same for every system. */
export interface LatencyTiming {
  rate: number;
  seconds: number;
  warmupSeconds: number;
  size: number;
}

export type KafkajsLatencyJob = LatencyTiming & {
  system: 'kafkajs';
  bootstrap: string;
  topic: string;
  groupId: string;
};

export type JetStreamLatencyJob = LatencyTiming & {
  system: 'jetstream';
  natsUrl: string;
  stream: string;
  subject: string;
  durable?: string;
};

/** What one latency run measures, and where. */
export type LatencyJob = KafkajsLatencyJob | JetStreamLatencyJob;

export interface LatencyOutcome<R> {
  result: R;
  /** CPU time of the client process over the run (producer and consumer). */
  clientCpuSeconds: number;
}

const LIMIT_MS = 120_000;

/**
 * Runs a latency job in a fresh Node process (latency-client.ts), as the benchmark itself runs,
 * and returns what it printed. Both systems' clients are measured this way, so neither inherits
 * the heap that the throughput phases before it left in the benchmark's own process.
 */
export function runLatencyClient(job: KafkajsLatencyJob): Promise<LatencyOutcome<LatencyResult>>;
export function runLatencyClient(
  job: JetStreamLatencyJob,
): Promise<LatencyOutcome<JetStreamLatencyResult>>;
export async function runLatencyClient(
  job: LatencyJob,
): Promise<LatencyOutcome<LatencyResult | JetStreamLatencyResult>> {
  let stdout = '';
  await runToExit(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'latency-client.ts'), JSON.stringify(job)],
    {
      label: `latency client (${job.system})`,
      limitMs: LIMIT_MS,
      onStdout: (chunk) => (stdout += chunk.toString()),
    },
  );
  const line = stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) {
    throw new Error(`latency client (${job.system}) printed no result:\n${stdout.slice(-2000)}`);
  }
  return JSON.parse(line) as LatencyOutcome<LatencyResult | JetStreamLatencyResult>;
}

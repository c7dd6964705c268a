import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { killOnExit } from './exit-cleanup';
import type { LatencySummary } from './stats';

interface LatencyTiming {
  rate: number;
  seconds: number;
  warmupSeconds: number;
  size: number;
}

/** What one latency run measures, and where. */
export type LatencyJob = LatencyTiming &
  (
    | { system: 'kafkajs'; bootstrap: string; topic: string; groupId: string }
    | { system: 'jetstream'; natsUrl: string; stream: string; subject: string; durable?: string }
  );

export interface LatencyOutcome {
  result: {
    latency: LatencySummary;
    /** kafkajs only: send() to acknowledgement. */
    ackLatency?: LatencySummary;
    sent: number;
    received: number;
  };
  /** CPU time of the client process over the run (producer and consumer). */
  clientCpuSeconds: number;
}

const LIMIT_MS = 120_000;

/**
 * Runs a latency job in a fresh Node process (latency-client.ts), as the benchmark itself runs,
 * and returns what it printed. Both systems' clients are measured this way, so neither inherits
 * the heap that the throughput phases before it left in the benchmark's own process.
 */
export function runLatencyClient(job: LatencyJob): Promise<LatencyOutcome> {
  return new Promise((resolve, reject) => {
    const child = killOnExit(
      spawn(
        process.execPath,
        ['-r', '@swc-node/register', join(__dirname, 'latency-client.ts'), JSON.stringify(job)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as LatencyOutcome);
      else
        reject(new Error(`latency client (${job.system}) ended with ${code ?? signal}\n${stderr}`));
    });
  });
}

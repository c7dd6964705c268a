import type { LatencyTiming } from './latency-process';
import type { RunMetrics } from './metrics';

export const PHASE_LIMIT_MS = 180_000;

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Runs a bench's main and exits with its outcome. A signal exits at once: the broker children die
 * with this process (broker-process.ts), however it ends.
 */
export function runBench(main: () => Promise<void>): void {
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}

/** Runs one phase; a failure is logged and leaves its figures empty instead of ending the run. */
export async function phase(
  name: string,
  into: RunMetrics,
  work: () => Promise<RunMetrics | void>,
): Promise<void> {
  log(`- ${name}`);
  try {
    Object.assign(into, (await work()) ?? {});
  } catch (error) {
    log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What every phase of one run shares. */
export interface RunContext {
  messages: number;
  size: number;
  rate: number;
  latencySeconds: number;
  latencyWarmupSeconds: number;
  /** Unique per run: topic, stream and group names end with it. */
  suffix: string;
  /** Messages of the unmeasured warm-up before the throughput phases. */
  warmupMessages: number;
}

/** The latency runs' timing, the same for every system in a run. */
export function latencyTiming(context: RunContext): LatencyTiming {
  return {
    rate: context.rate,
    seconds: context.latencySeconds,
    warmupSeconds: context.latencyWarmupSeconds,
    size: context.size,
  };
}

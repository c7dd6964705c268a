import { percentile } from '../broker/stats';
import type { CompletionWatcher } from './completion-watcher';
import type { LagMonitor } from './lag-monitor';
import { paced } from '../broker/pacing';
import { type DatabaseFigures, databaseFigures, scrapeAll } from './service-metrics';
import type { OrderClient, PostOutcome } from './order-client';

export interface LatencyFigures {
  count: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface StepResult {
  offeredRate: number;
  durationSeconds: number;
  /** 201s per second of load. */
  acceptedRate: number;
  /** Orders that reached COMPLETED or CANCELLED, per second from the first POST to the last end. */
  completedRate: number;
  completed: number;
  cancelled: number;
  /** Accepted orders that had not ended when the bench stopped waiting. */
  unfinished: number;
  post: LatencyFigures;
  postToFinal: LatencyFigures;
  errors: Record<string, number>;
  /** Each group's highest lag during the step, and what was left after the drain. */
  peakLag: Record<string, number>;
  lagAfterDrain: Record<string, number>;
  /**
   * Per process: CPU cores used on average from the first POST until the last order ended, CPU
   * milliseconds per ended order (the figure that stays comparable on a shared, noisy machine),
   * and its highest RSS (MiB).
   */
  processes: Record<string, { cpuCores: number; cpuMsPerOrder: number; peakRssMiB: number }>;
  /** Per service, from its /metrics: transactions per order, pool wait, batch sizes. */
  database: Record<string, DatabaseFigures>;
  sustainable: boolean;
}

export interface StepContext {
  client: OrderClient;
  watcher: CompletionWatcher;
  lag: LagMonitor;
  sampleProcesses: () => Record<string, { cpuSeconds: number; rssBytes: number }>;
  /** How long to wait after the load for the last orders to end and the lag to drain. */
  drainTimeoutMs: number;
  firstSequence: number;
}

/** The target the issue sets: p99 POST → final status under this, with the lag back to zero. */
export const SUSTAINABLE_P99_MS = 100;

function figures(samplesMs: number[]): LatencyFigures {
  return {
    count: samplesMs.length,
    p50Ms: percentile(samplesMs, 50),
    p99Ms: percentile(samplesMs, 99),
    p999Ms: percentile(samplesMs, 99.9),
    maxMs: samplesMs.length === 0 ? Number.NaN : Math.max(...samplesMs),
  };
}

/** One rung of the ladder: `rate` orders a second for `durationSeconds`, then the drain. */
export async function runLoadStep(
  rate: number,
  durationSeconds: number,
  context: StepContext,
): Promise<StepResult> {
  const { client, watcher, lag } = context;
  const before = context.sampleProcesses();
  const metricsBefore = await scrapeAll();
  const peakRss: Record<string, number> = {};
  const rssTimer = setInterval(() => {
    for (const [name, sample] of Object.entries(context.sampleProcesses())) {
      peakRss[name] = Math.max(peakRss[name] ?? 0, sample.rssBytes);
    }
  }, 250);
  lag.startSampling();
  const startedAt = performance.now();

  // An open model: order i is due at start + i/rate whatever happened to the others, and its
  // latency counts from then, so a slow server cannot slow the load down (no coordinated omission).
  const calls = await paced(
    rate,
    Math.max(1, Math.round(rate * durationSeconds)),
    (sequence, dueAt) =>
      client.place(context.firstSequence + sequence).then((outcome) => ({ ...outcome, dueAt })),
  );
  const outcomes: (PostOutcome & { dueAt: number })[] = await Promise.all(calls);
  const loadEndedAt = performance.now();

  const accepted = outcomes.filter((o) => o.orderId !== null);
  const unfinished = await watcher.waitFor(
    accepted.map((o) => o.orderId as string),
    context.drainTimeoutMs,
  );
  const cpuAfterLoad = context.sampleProcesses();
  const metricsAfter = await scrapeAll();
  const peakLag = lag.stopSampling();
  const lagAfterDrain = await lag.waitForZero(unfinished === 0 ? context.drainTimeoutMs : 0);
  clearInterval(rssTimer);

  const errors: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.error) errors[outcome.error] = (errors[outcome.error] ?? 0) + 1;
  }
  let completed = 0;
  let cancelled = 0;
  let lastEnd = startedAt;
  const toFinal: number[] = [];
  for (const outcome of accepted) {
    const final = watcher.outcome(outcome.orderId as string);
    if (!final) continue;
    if (final.status === 'COMPLETED') completed++;
    else cancelled++;
    lastEnd = Math.max(lastEnd, final.at);
    toFinal.push(final.at - outcome.dueAt);
  }
  const busySeconds = (Math.max(lastEnd, loadEndedAt) - startedAt) / 1000;
  const processes: StepResult['processes'] = {};
  for (const [name, sample] of Object.entries(cpuAfterLoad)) {
    const cpuSeconds = before[name] ? sample.cpuSeconds - before[name].cpuSeconds : Number.NaN;
    processes[name] = {
      cpuCores: cpuSeconds / busySeconds,
      cpuMsPerOrder: (cpuSeconds * 1000) / Math.max(1, completed + cancelled),
      peakRssMiB: Math.round((peakRss[name] ?? sample.rssBytes) / 2 ** 20),
    };
  }
  const postToFinal = figures(toFinal);
  const database = Object.fromEntries(
    Object.keys(metricsAfter).map((service) => [
      service,
      databaseFigures(metricsBefore[service] ?? {}, metricsAfter[service], completed + cancelled),
    ]),
  );
  return {
    offeredRate: rate,
    durationSeconds,
    acceptedRate: accepted.length / durationSeconds,
    completedRate: (completed + cancelled) / ((lastEnd - startedAt) / 1000),
    completed,
    cancelled,
    unfinished,
    post: figures(outcomes.map((o) => o.endedAt - o.dueAt)),
    postToFinal,
    errors,
    peakLag,
    lagAfterDrain,
    processes,
    database,
    sustainable:
      Object.keys(errors).length === 0 &&
      unfinished === 0 &&
      postToFinal.p99Ms < SUSTAINABLE_P99_MS &&
      Object.values(lagAfterDrain).every((value) => value === 0),
  };
}

import type { StepResult } from './load-step';

const ms = (value: number) =>
  Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(1) : Math.round(value).toString();

/** One step as a few readable lines. */
export function formatStep(step: StepResult): string {
  const errors =
    Object.entries(step.errors)
      .map(([kind, count]) => `${kind}=${count}`)
      .join(' ') || 'none';
  const lag = (lags: Record<string, number>) =>
    Object.entries(lags)
      .map(([group, value]) => `${group}=${value}`)
      .join(' ');
  const cpu = Object.entries(step.processes)
    .map(
      ([name, p]) =>
        `${name} ${p.cpuCores.toFixed(2)} cores ${p.cpuMsPerOrder.toFixed(1)} ms/order ${p.peakRssMiB} MiB`,
    )
    .join(', ');
  return [
    `offered ${step.offeredRate}/s for ${step.durationSeconds} s: accepted ${step.acceptedRate.toFixed(1)}/s, ended ${step.completedRate.toFixed(1)}/s (${step.completed} completed, ${step.cancelled} cancelled, ${step.unfinished} unfinished)`,
    `  POST          p50 ${ms(step.post.p50Ms)} ms  p99 ${ms(step.post.p99Ms)} ms  p99.9 ${ms(step.post.p999Ms)} ms  max ${ms(step.post.maxMs)} ms`,
    `  POST → final  p50 ${ms(step.postToFinal.p50Ms)} ms  p99 ${ms(step.postToFinal.p99Ms)} ms  max ${ms(step.postToFinal.maxMs)} ms`,
    `  errors ${errors}; peak lag ${lag(step.peakLag)}; after drain ${lag(step.lagAfterDrain)}`,
    ...(cpu ? [`  processes: ${cpu}`] : []),
    `  database: ${Object.entries(step.database)
      .map(
        ([service, d]) =>
          `${service} ${d.transactionsPerOrder.toFixed(2)} tx/order, wait ${d.meanWaitMs.toFixed(1)} ms, tx ${d.meanTransactionMs.toFixed(1)} ms, ${d.meanBatchEvents.toFixed(1)} events/batch`,
      )
      .join('; ')}`,
    `  sustainable: ${step.sustainable ? 'yes' : 'no'}`,
  ].join('\n');
}

/** The ladder of one mode as a Markdown table. */
export function markdownTable(steps: StepResult[]): string {
  const rows = steps.map((s) =>
    [
      s.offeredRate,
      s.acceptedRate.toFixed(0),
      s.completedRate.toFixed(0),
      `${ms(s.post.p50Ms)} / ${ms(s.post.p99Ms)} / ${ms(s.post.p999Ms)}`,
      `${ms(s.postToFinal.p50Ms)} / ${ms(s.postToFinal.p99Ms)} / ${ms(s.postToFinal.maxMs)}`,
      Object.values(s.errors).reduce((a, b) => a + b, 0),
      Math.max(0, ...Object.values(s.peakLag)),
      s.sustainable ? 'yes' : 'no',
    ].join(' | '),
  );
  return [
    '| offered/s | accepted/s | ended/s | POST p50 / p99 / p99.9 ms | POST → final p50 / p99 / max ms | errors | peak lag | sustainable |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

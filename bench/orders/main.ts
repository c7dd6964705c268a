/**
 * `npm run bench:orders`: the whole system under a ladder of fixed arrival rates, for each
 * database mode in one run (docs/benchmarks.md, "Orders end to end").
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { baselineCheckout } from './baseline-checkout';
import { openBenchContext } from './bench-context';
import { latencyChart } from './chart';
import { runLoadStep, type StepResult } from './load-step';
import { formatStep, markdownTable } from './report';
import { type DatabaseMode, SystemUnderTest } from './system-under-test';

/** Stock for the bench: the demo catalogue would run out within seconds at these rates. */
const BENCH_STOCK_MULTIPLIER = '1000';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      modes: { type: 'string', default: 'postgres,embedded,pglite' },
      rates: { type: 'string', default: '25,50,100,200,300,500,750' },
      duration: { type: 'string', default: '15' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      out: { type: 'string', default: 'bench/results' },
      'keep-going': { type: 'boolean', default: false },
      baseline: { type: 'string' },
    },
  });
  const modes = values.modes.split(',') as DatabaseMode[];
  const rates = values.rates.split(',').map(Number);
  const duration = Number(values.duration);
  mkdirSync(values.out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const results: Record<string, StepResult[]> = {};

  const baseline = values.baseline ? baselineCheckout(values.baseline) : undefined;
  const systems = [
    ...(baseline
      ? modes
          .filter((mode) => mode !== 'embedded')
          .map((mode) => ({ mode, root: baseline.root, name: `${mode} @ ${baseline.label}` }))
      : []),
    ...modes.map((mode) => ({ mode, root: undefined, name: mode })),
  ];
  for (const { mode, root, name } of systems) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `bench-orders-${mode}-`));
    const system = new SystemUnderTest({
      root,
      database: mode,
      postgresUrl: values.postgres,
      kafkaBrokers: process.env.KAFKA_BROKERS,
      dataDir,
      logFile: path.join(values.out, `orders-${stamp}-${name.replace(/\W+/g, '-')}.log`),
      env: {
        DEMO_STOCK_MULTIPLIER: BENCH_STOCK_MULTIPLIER,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      },
    });
    process.stdout.write(`== ${name}: starting the system\n`);
    await system.start();
    const context = await openBenchContext({
      ordersUrl: 'http://127.0.0.1:3000',
      kafkaBrokers: system.kafkaBrokers,
      dataDir,
      drainTimeoutMs: 30_000,
      sampleProcesses: () => system.processes(),
    });
    results[name] = [];
    try {
      // A short warm-up, not measured: connections, JIT, the first rebalance.
      await runLoadStep(10, 3, context);
      context.firstSequence = 100_000;
      for (const rate of rates) {
        const step = await runLoadStep(rate, duration, context);
        results[name].push(step);
        context.firstSequence += rate * duration;
        process.stdout.write(`${name}: ${formatStep(step)}\n`);
        // Far past saturation the next rung says nothing new and takes minutes to drain.
        if (!values['keep-going'] && step.unfinished > 0) break;
      }
    } finally {
      await context.close();
      await system.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const summary = Object.fromEntries(
    Object.entries(results).map(([mode, steps]) => [
      mode,
      Math.max(0, ...steps.filter((s) => s.sustainable).map((s) => s.offeredRate)),
    ]),
  );
  baseline?.remove();
  const file = path.join(values.out, `orders-${stamp}.json`);
  writeFileSync(
    path.join(values.out, `orders-${stamp}.svg`),
    latencyChart(results, `Fanout end to end, ${os.cpus().length} cores, ${duration} s per rate`),
  );
  writeFileSync(
    file,
    JSON.stringify(
      {
        machine: { cpus: os.cpus().length, node: process.version },
        durationSeconds: duration,
        sustainableRate: summary,
        results,
      },
      null,
      2,
    ),
  );
  for (const [mode, steps] of Object.entries(results)) {
    process.stdout.write(
      `\n### ${mode}: sustainable ${summary[mode]} orders/s\n\n${markdownTable(steps)}\n`,
    );
  }
  process.stdout.write(`\nresults: ${file}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

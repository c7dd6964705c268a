/**
 * Broker benchmark: the embedded broker (a child process) with kafkajs and kcat as clients,
 * against NATS JetStream in the same run. `npm run bench:broker -- --help` lists the options.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  brokerCliExists,
  brokerCliPath,
  compiledLaunch,
  repoRoot,
  startBrokerProcess,
  swcNodeLaunch,
  type BrokerLaunch,
} from './broker-process';
import { runBrokerPhases } from './broker-phases';
import { buildBroker } from './build-broker';
import { removeOnExit } from './exit-cleanup';
import { runJetStreamPhases } from './jetstream-phases';
import * as kcatBench from './kcat-bench';
import { medianMetrics, type RunMetrics } from './metrics';
import { parseBenchOptions, type BenchOptions } from './options';
import { log, phase, runBench } from './phase';
import { renderReport } from './report';
import { storedRssCheck } from './stored-rss-check';

/** No run may hang the machine: the whole benchmark ends after this, whatever happens. */
const WATCHDOG_MS_PER_RUN = 15 * 60_000;

async function runOnce(
  options: BenchOptions,
  launch: BrokerLaunch | undefined,
  kcatFile: string | undefined,
  runNumber: number,
): Promise<RunMetrics> {
  const metrics: RunMetrics = {};
  const context = {
    ...options,
    suffix: `${process.pid}-${runNumber}`,
    warmupMessages: Math.max(1000, Math.floor(options.messages / 4)),
  };
  if (launch) {
    const dataDir = removeOnExit(await mkdtemp(join(tmpdir(), 'broker-bench-data-')));
    try {
      const broker = await startBrokerProcess(launch, dataDir, options.brokerNodeArgs);
      log(`broker pid ${broker.pid} on ${broker.bootstrap}`);
      try {
        await runBrokerPhases(broker, { ...context, kcatFile }, metrics);
      } finally {
        await broker.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  if (!options.skipNats) {
    await phase('JetStream', metrics, () =>
      runJetStreamPhases(options.natsUrl, { ...context, window: options.natsWindow }, metrics),
    );
  }
  if (launch && options.stored > 0) {
    await phase(`broker RSS with ${options.stored} x 1 KiB stored (fresh broker)`, metrics, () =>
      storedRssCheck(launch, options.stored, options.brokerNodeArgs, log),
    );
  }
  // The machine is shared: the report says how busy it was.
  metrics.loadAverage = loadavg()[0];
  return metrics;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  setTimeout(() => {
    log('benchmark watchdog expired: exiting');
    process.exit(3);
  }, WATCHDOG_MS_PER_RUN * options.runs).unref();

  const workDir = removeOnExit(await mkdtemp(join(tmpdir(), 'broker-bench-')));
  try {
    let launch: BrokerLaunch | undefined;
    if (!brokerCliExists()) {
      log(`broker CLI not found at ${brokerCliPath}: broker phases skipped`);
    } else if (options.brokerRuntime === 'compiled') {
      await buildBroker(repoRoot);
      launch = compiledLaunch();
    } else {
      launch = swcNodeLaunch();
    }

    let kcatFile: string | undefined;
    if (!options.skipKcat && !kcatBench.kcatInstalled()) {
      log('kcat not installed (.ci/install-kcat.sh): kcat phases skipped');
    } else if (!options.skipKcat && launch) {
      kcatFile = join(workDir, 'messages.txt');
      // Writing it is also the memory warm-up: the first large write after idle is slow here.
      await kcatBench.writeMessageFile(kcatFile, options.messages, options.size);
    }

    const runs: RunMetrics[] = [];
    for (let run = 1; run <= options.runs; run++) {
      log(`run ${run} of ${options.runs}`);
      runs.push(await runOnce(options, launch, kcatFile, run));
    }
    console.log(renderReport({ ...options, runs }));
    if (options.json) {
      const report = { options, runs, medians: medianMetrics(runs) };
      await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

runBench(main);

/**
 * One produce-to-consume latency run in a process of its own (see latency-process.ts): started
 * by the benchmark with a job as its argument, it prints the result as one JSON line and exits.
 * A fresh process per run keeps the V8 heap the throughput phases grew out of the measurement.
 */
import * as kafkajsBench from './kafkajs-bench';
import type { LatencyJob, LatencyOutcome } from './latency-process';
import * as natsBench from './nats-bench';

async function run(job: LatencyJob): Promise<LatencyOutcome<unknown>['result']> {
  if (job.system === 'kafkajs') {
    return kafkajsBench.produceToConsumeLatency(
      kafkajsBench.kafkaClient(job.bootstrap),
      job.topic,
      job,
    );
  }
  const jetStream = await natsBench.connectJetStream(job.natsUrl);
  try {
    return await natsBench.publishToConsumeLatency(jetStream, job.stream, job.subject, job);
  } finally {
    await jetStream.close();
  }
}

async function main(): Promise<void> {
  const [argument] = process.argv.slice(2);
  if (!argument) throw new Error('usage: latency-client.ts <latency job as JSON>');
  const cpuBefore = process.cpuUsage();
  const result = await run(JSON.parse(argument) as LatencyJob);
  const cpu = process.cpuUsage(cpuBefore);
  const outcome: LatencyOutcome<unknown> = {
    result,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  },
);

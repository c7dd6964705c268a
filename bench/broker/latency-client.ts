/**
 * One produce-to-consume latency run in a process of its own (see latency-process.ts): started
 * by the benchmark with a job as its argument, it prints the result as one JSON line and exits.
 * A fresh process per run keeps the V8 heap the throughput phases grew out of the measurement.
 */
import * as kafkajsBench from './kafkajs-bench';
import * as natsBench from './nats-bench';
import type { LatencyJob, LatencyOutcome } from './latency-process';

async function run(job: LatencyJob): Promise<LatencyOutcome['result']> {
  const timing = {
    rate: job.rate,
    seconds: job.seconds,
    warmupSeconds: job.warmupSeconds,
    size: job.size,
  };
  if (job.system === 'kafkajs') {
    const kafka = kafkajsBench.kafkaClient(job.bootstrap);
    return kafkajsBench.produceToConsumeLatency(kafka, job.topic, {
      ...timing,
      groupId: job.groupId,
    });
  }
  const jetStream = await natsBench.connectJetStream(job.natsUrl);
  try {
    return await natsBench.publishToConsumeLatency(jetStream, job.stream, job.subject, {
      ...timing,
      durable: job.durable,
    });
  } finally {
    await jetStream.close();
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as LatencyJob;
  const cpuBefore = process.cpuUsage();
  const result = await run(job);
  const cpu = process.cpuUsage(cpuBefore);
  const outcome: LatencyOutcome = { result, clientCpuSeconds: (cpu.user + cpu.system) / 1e6 };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  },
);

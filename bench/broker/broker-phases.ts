import type { BrokerProcess, BrokerRequestTimes } from './broker-process';
import * as kafkajsBench from './kafkajs-bench';
import * as kcatBench from './kcat-bench';
import { runLatencyClient } from './latency-process';
import type { RunMetrics } from './metrics';
import { latencyTiming, phase, PHASE_LIMIT_MS, type RunContext } from './phase';
import { measureCpu } from './process-stats';

/** kafkajs and kcat against one running broker; figures go into `metrics`. */
export async function runBrokerPhases(
  broker: BrokerProcess,
  context: RunContext & { batch: number; inflight: number; kcatFile: string | undefined },
  metrics: RunMetrics,
): Promise<void> {
  const { messages, size, suffix, batch, inflight } = context;
  const { pid, bootstrap } = broker;
  const kafka = kafkajsBench.kafkaClient(bootstrap);

  await phase('broker warm-up', metrics, async () => {
    const topic = `bench-warmup-${suffix}`;
    await kafkajsBench.createTopic(kafka, topic);
    await kafkajsBench.produce(kafka, topic, {
      messages: context.warmupMessages,
      size,
      batch,
      inflight,
    });
    await kafkajsBench.consume(kafka, topic, {
      messages: context.warmupMessages,
      groupId: `warmup-${suffix}`,
      limitMs: PHASE_LIMIT_MS,
    });
  });

  const topic = `bench-${suffix}`;
  await phase(`kafkajs produce ${messages} x ${size} B`, metrics, async () => {
    await kafkajsBench.createTopic(kafka, topic);
    const { result, serverCpuSeconds, clientCpuSeconds } = await measureCpu(pid, () =>
      kafkajsBench.produce(kafka, topic, { messages, size, batch, inflight }),
    );
    await expectStored(kafka, topic, messages);
    return {
      produceMessagesPerSecond: result.throughput.messagesPerSecond,
      produceMegabytesPerSecond: result.throughput.megabytesPerSecond,
      produceAckP50Ms: result.ackLatency.p50Ms,
      produceAckP99Ms: result.ackLatency.p99Ms,
      produceBrokerCpuSeconds: serverCpuSeconds,
      produceClientCpuSeconds: clientCpuSeconds,
    };
  });

  await phase('kafkajs consume (group, eachBatch)', metrics, async () => {
    const { result, serverCpuSeconds } = await measureCpu(pid, () =>
      kafkajsBench.consume(kafka, topic, {
        messages,
        groupId: `bench-group-${suffix}`,
        limitMs: PHASE_LIMIT_MS,
      }),
    );
    if (result.throughput.messages !== messages) {
      throw new Error(`consumed ${result.throughput.messages}, expected ${messages}`);
    }
    return {
      consumeMessagesPerSecond: result.throughput.messagesPerSecond,
      consumeMegabytesPerSecond: result.throughput.megabytesPerSecond,
      consumeStartSeconds: result.startSeconds,
      consumeBrokerCpuSeconds: serverCpuSeconds,
    };
  });

  await phase(`kafkajs produce-to-consume latency at ${context.rate} msg/s`, metrics, async () => {
    const latencyTopic = `bench-latency-${suffix}`;
    await kafkajsBench.createTopic(kafka, latencyTopic);
    await broker.takeRequestTimes(); // counting starts with this run
    const { result: outcome, serverCpuSeconds } = await measureCpu(pid, () =>
      runLatencyClient({
        system: 'kafkajs',
        bootstrap,
        topic: latencyTopic,
        groupId: `bench-latency-${suffix}`,
        ...latencyTiming(context),
      }),
    );
    const { result, clientCpuSeconds } = outcome;
    // The broker's own share: time from a request's frame arriving to its response written.
    const inBroker = await broker.takeRequestTimes();
    return {
      latencyInBrokerProduceP50Ms: inBroker.get('Produce')?.p50Ms,
      latencyInBrokerProduceP99Ms: inBroker.get('Produce')?.p99Ms,
      latencyInBrokerOffsetCommitP50Ms: inBroker.get('OffsetCommit')?.p50Ms,
      latencyInBrokerOffsetCommitP99Ms: inBroker.get('OffsetCommit')?.p99Ms,
      latencyRequestsPerMessage: requestsPerMessage(inBroker, result.sent),
      latencyBrokerCpuSeconds: serverCpuSeconds,
      latencyClientCpuSeconds: clientCpuSeconds,
      latencyP50Ms: result.latency.p50Ms,
      latencyP99Ms: result.latency.p99Ms,
      latencyMaxMs: result.latency.maxMs,
      latencyAckP50Ms: result.ackLatency.p50Ms,
      latencyAckP99Ms: result.ackLatency.p99Ms,
    };
  });

  const { kcatFile } = context;
  if (kcatFile) {
    const kcatTopic = `bench-kcat-${suffix}`;
    const limits = { messages, size, limitMs: PHASE_LIMIT_MS };
    await phase(`kcat ingest ${messages} x ${size} B`, metrics, async () => {
      await kafkajsBench.createTopic(kafka, kcatTopic);
      const { result, serverCpuSeconds } = await measureCpu(pid, () =>
        kcatBench.ingest(bootstrap, kcatTopic, kcatFile, limits),
      );
      await expectStored(kafka, kcatTopic, messages);
      return {
        kcatIngestMegabytesPerSecond: result.megabytesPerSecond,
        kcatIngestMessagesPerSecond: result.messagesPerSecond,
        kcatIngestBrokerCpuSeconds: serverCpuSeconds,
      };
    });
    await phase('kcat consume', metrics, async () => {
      const result = await kcatBench.consumeAll(bootstrap, kcatTopic, limits);
      return {
        kcatConsumeMegabytesPerSecond: result.megabytesPerSecond,
        kcatConsumeMessagesPerSecond: result.messagesPerSecond,
      };
    });
  }
  metrics.brokerPeakRssBytes = broker.sample().peakRssBytes;
}

function requestsPerMessage(times: Map<string, BrokerRequestTimes>, messages: number): number {
  let requests = 0;
  for (const { count } of times.values()) requests += count;
  return requests / messages;
}

async function expectStored(
  kafka: ReturnType<typeof kafkajsBench.kafkaClient>,
  topic: string,
  messages: number,
) {
  const stored = await kafkajsBench.storedMessages(kafka, topic);
  if (stored !== messages) throw new Error(`topic holds ${stored} messages, expected ${messages}`);
}

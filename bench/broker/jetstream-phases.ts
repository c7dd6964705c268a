import type { RunMetrics } from './metrics';
import { runLatencyClient } from './latency-process';
import * as natsBench from './nats-bench';
import { latencyTiming, phase, PHASE_LIMIT_MS, type RunContext } from './phase';
import { findPidByCommand, measureCpu } from './process-stats';

/** The JetStream baseline; every stream it creates is deleted before it returns. */
export async function runJetStreamPhases(
  url: string,
  context: RunContext & { window: number },
  metrics: RunMetrics,
): Promise<void> {
  const { messages, size, window } = context;
  const suffix = context.suffix.replace(/-/g, '_');
  // The local nats-server's CPU time is read like the broker's, when it runs on this machine.
  const serverPid = findPidByCommand('nats-server');
  const timing = latencyTiming(context);
  const jetStream = await natsBench.connectJetStream(url);
  const streams: string[] = [];
  const createStream = (name: string) => {
    streams.push(name);
    return jetStream.createStream(name);
  };
  try {
    await phase('JetStream warm-up', metrics, async () => {
      const stream = `BENCH_WARMUP_${suffix}`;
      const subject = await createStream(stream);
      await natsBench.publish(jetStream, subject, {
        messages: context.warmupMessages,
        size,
        window,
      });
      await natsBench.consumeStream(jetStream, stream, {
        messages: context.warmupMessages,
        limitMs: PHASE_LIMIT_MS,
      });
    });

    const stream = `BENCH_${suffix}`;
    await phase(`JetStream publish ${messages} x ${size} B (file storage)`, metrics, async () => {
      const subject = await createStream(stream);
      const { result, serverCpuSeconds, clientCpuSeconds } = await measureCpu(serverPid, () =>
        natsBench.publish(jetStream, subject, { messages, size, window }),
      );
      return {
        natsPublishMessagesPerSecond: result.throughput.messagesPerSecond,
        natsPublishMegabytesPerSecond: result.throughput.megabytesPerSecond,
        natsPublishAckP50Ms: result.ackLatency.p50Ms,
        natsPublishAckP99Ms: result.ackLatency.p99Ms,
        natsPublishServerCpuSeconds: serverCpuSeconds,
        natsPublishClientCpuSeconds: clientCpuSeconds,
      };
    });

    await phase('JetStream consume (ordered consumer)', metrics, async () => {
      const { result, serverCpuSeconds } = await measureCpu(serverPid, () =>
        natsBench.consumeStream(jetStream, stream, { messages, limitMs: PHASE_LIMIT_MS }),
      );
      if (result.throughput.messages !== messages) {
        throw new Error(`consumed ${result.throughput.messages}, expected ${messages}`);
      }
      return {
        natsConsumeMessagesPerSecond: result.throughput.messagesPerSecond,
        natsConsumeMegabytesPerSecond: result.throughput.megabytesPerSecond,
        natsConsumeStartSeconds: result.startSeconds,
        natsConsumeServerCpuSeconds: serverCpuSeconds,
      };
    });

    await phase(
      `JetStream publish-to-consume latency at ${context.rate} msg/s`,
      metrics,
      async () => {
        const latencyStream = `BENCH_LATENCY_${suffix}`;
        const subject = await createStream(latencyStream);
        const { result: outcome, serverCpuSeconds } = await measureCpu(serverPid, () =>
          runLatencyClient({
            system: 'jetstream',
            natsUrl: url,
            stream: latencyStream,
            subject,
            ...timing,
          }),
        );
        const { result, clientCpuSeconds } = outcome;
        return {
          natsLatencyServerCpuSeconds: serverCpuSeconds,
          natsLatencyClientCpuSeconds: clientCpuSeconds,
          natsLatencyP50Ms: result.latency.p50Ms,
          natsLatencyP99Ms: result.latency.p99Ms,
          natsLatencyMaxMs: result.latency.maxMs,
        };
      },
    );

    await phase(
      `JetStream publish-to-consume latency at ${context.rate} msg/s, durable consumer with acks`,
      metrics,
      async () => {
        const latencyStream = `BENCH_LATENCY_ACKED_${suffix}`;
        const subject = await createStream(latencyStream);
        await jetStream.createDurableConsumer(latencyStream, 'bench');
        const { result } = await runLatencyClient({
          system: 'jetstream',
          natsUrl: url,
          stream: latencyStream,
          subject,
          durable: 'bench',
          ...timing,
        });
        return {
          natsAckedLatencyP50Ms: result.latency.p50Ms,
          natsAckedLatencyP99Ms: result.latency.p99Ms,
          natsAckedLatencyMaxMs: result.latency.maxMs,
        };
      },
    );
  } finally {
    for (const name of streams) await jetStream.deleteStream(name);
    await jetStream.close();
  }
}

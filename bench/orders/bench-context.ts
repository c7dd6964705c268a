import { Kafka, logLevel } from 'kafkajs';
import { CompletionWatcher } from './completion-watcher';
import { LagMonitor } from './lag-monitor';
import { OrderClient } from './order-client';
import type { StepContext } from './load-step';

/** The bench's own clients of the system: HTTP for orders, Kafka for outcomes and lag. */
export async function openBenchContext(options: {
  ordersUrl: string;
  kafkaBrokers: string;
  drainTimeoutMs: number;
  sampleProcesses: StepContext['sampleProcesses'];
}): Promise<StepContext & { close(): Promise<void> }> {
  const kafka = new Kafka({
    clientId: 'bench-orders',
    brokers: options.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const client = new OrderClient(options.ordersUrl);
  const watcher = new CompletionWatcher(kafka);
  const lag = new LagMonitor(kafka);
  await watcher.start();
  await lag.start();
  return {
    client,
    watcher,
    lag,
    sampleProcesses: options.sampleProcesses,
    drainTimeoutMs: options.drainTimeoutMs,
    firstSequence: 0,
    async close() {
      await Promise.allSettled([client.close(), watcher.stop(), lag.stop()]);
    },
  };
}

import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { LOCAL_ISSUER_DIR, TokenSigner } from '@fanout/auth';
import { operatorKafkaConnection } from '@fanout/messaging';
import { CompletionWatcher } from './completion-watcher';
import { LagMonitor } from './lag-monitor';
import { OrderClient } from './order-client';
import type { StepContext } from './load-step';

/** The bench's own clients of the system: HTTP for orders, Kafka for outcomes and lag. */
export async function openBenchContext(options: {
  ordersUrl: string;
  kafkaBrokers: string;
  /**
   * The system's data directory: npm start keeps the operator's Kafka credentials there, and the
   * key that signs the customers' bearer tokens.
   */
  dataDir: string;
  drainTimeoutMs: number;
  sampleProcesses: StepContext['sampleProcesses'];
}): Promise<StepContext & { close(): Promise<void> }> {
  // As the operator: the bench reads every service's topic and every group's offsets.
  const { brokers, security } = operatorKafkaConnection({
    ...process.env,
    DATA_DIR: options.dataDir,
    KAFKA_BROKERS: options.kafkaBrokers,
  });
  const kafka = new Kafka({
    clientId: 'bench-orders',
    brokers,
    ...security,
    logLevel: logLevel.NOTHING,
  });
  const client = new OrderClient(options.ordersUrl, await customerTokens(options.dataDir));
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

/**
 * Tokens signed with npm start's key, one per customer, minted on first use: signing is not part
 * of what the bench measures (the services' verification of each token is).
 */
async function customerTokens(dataDir: string): Promise<(customerId: string) => Promise<string>> {
  const signer = await TokenSigner.fromFile(
    path.join(dataDir, LOCAL_ISSUER_DIR, 'signing-key.pem'),
  );
  const tokens = new Map<string, Promise<string>>();
  return (customerId) => {
    let token = tokens.get(customerId);
    if (!token) {
      token = signer.sign({ subject: customerId, roles: ['customer'], expiresInSeconds: 86_400 });
      tokens.set(customerId, token);
    }
    return token;
  };
}

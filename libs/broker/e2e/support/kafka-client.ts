import { Kafka, logLevel, type ConsumerConfig, type KafkaConfig } from 'kafkajs';

/** An unmodified kafkajs client for `brokers`, silent, with short retries for tests. */
export function kafkaClient(brokers: string, config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: 'broker-e2e',
    brokers: [brokers],
    logLevel: process.env.KAFKAJS_LOG_LEVEL
      ? Number(process.env.KAFKAJS_LOG_LEVEL)
      : logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 8 },
    ...config,
  });
}

/**
 * Consumer settings that keep tests fast: the broker's minimum session timeout, frequent
 * heartbeats and short long polls (a rebalance or a disconnect waits for the current fetch).
 */
export const fastConsumer = (
  groupId: string,
  config: Partial<ConsumerConfig> = {},
): ConsumerConfig => ({
  groupId,
  sessionTimeout: 6000,
  rebalanceTimeout: 6000,
  heartbeatInterval: 300,
  maxWaitTimeInMs: 250,
  ...config,
});

import { Kafka, logLevel, type SASLOptions } from 'kafkajs';

/**
 * One real client round trip: a kafkajs admin connects (ApiVersions, SASL when given) and
 * asks for the cluster (Metadata). True once the broker at 127.0.0.1:port answers and lists
 * itself, i.e. clients can use it; false while it is starting.
 */
export async function kafkaAnswers(
  port: number,
  host = '127.0.0.1',
  sasl?: SASLOptions,
): Promise<boolean> {
  const admin = new Kafka({
    ...(sasl ? { sasl } : {}),
    clientId: 'fanout-kafka-runner',
    brokers: [`${host}:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  }).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.some((broker) => broker.port === port);
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

import { Kafka, logLevel } from 'kafkajs';
import { operatorKafkaConnection } from '@fanout/messaging';

/** Events on `topic` that `groupId` has not committed yet (a new group lags by all of them). */
export async function consumerLag(
  brokers: string,
  groupId: string,
  topic: string,
): Promise<number> {
  // As the operator (npm start's, from its data directory): it reads payments' group offsets.
  const { security } = operatorKafkaConnection();
  const kafka = new Kafka({
    clientId: 'demo-failure',
    brokers: brokers.split(','),
    ...security,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const done = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
    return ends.reduce((lag, { partition, high, low }) => {
      // No committed offset (-1), or a reset marker (-2): the group starts from the oldest record.
      const offset = done.get(partition) ?? -1n;
      return lag + Number(BigInt(high) - (offset < 0n ? BigInt(low) : offset));
    }, 0);
  } finally {
    await admin.disconnect();
  }
}

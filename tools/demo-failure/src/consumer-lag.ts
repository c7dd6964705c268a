import { Kafka, logLevel } from 'kafkajs';
import { consumerGroupLag } from '@fanout/kafka-runner';
import { operatorKafkaConnection } from '@fanout/messaging';

/** Events on `topic` that `groupId` has not committed yet (a new group lags by all of them). */
export function consumerLag(brokers: string, groupId: string, topic: string): Promise<number> {
  // As the operator (npm start's, from its data directory): it reads payments' group offsets.
  const { security } = operatorKafkaConnection();
  const kafka = new Kafka({
    clientId: 'demo-failure',
    brokers: brokers.split(','),
    ...security,
    logLevel: logLevel.NOTHING,
  });
  return consumerGroupLag(kafka, groupId, topic);
}

import type { INestApplication } from '@nestjs/common';
import type { CustomStrategy } from '@nestjs/microservices';
import { ConsumerStatus } from '../consumer/consumer-status';
import { FanoutKafkaServer } from '../kafka/fanout-kafka-server';
import { kafkaMicroserviceOptions } from '../kafka/kafka-microservice-options';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { KAFKA_SETTINGS, type KafkaSettings } from '../kafka/kafka-settings';
import { TopicAdmin } from '../kafka/topic-admin';

/**
 * Makes the app hybrid: ensures the topics exist, then starts the NestJS Kafka transport, which
 * routes each message to the `@EventPattern(topic)` method of the service's controllers.
 */
export async function startEventConsumers(app: INestApplication): Promise<void> {
  await app.get(TopicAdmin).ensureTopics();
  const { options } = kafkaMicroserviceOptions(app.get<KafkaSettings>(KAFKA_SETTINGS));
  app.connectMicroservice<CustomStrategy>({
    strategy: new FanoutKafkaServer(options ?? {}, app.get(ConsumerStatus), app.get(OutboxRelay)),
  });
  await app.startAllMicroservices();
}

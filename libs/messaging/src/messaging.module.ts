import { type DynamicModule, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { ServiceName } from '@fanout/contracts';
import { DeadLetterPublisher } from './consumer/dead-letter-publisher';
import { ConsumerStatus } from './consumer/consumer-status';
import { EventConsumer } from './consumer/event-consumer.service';
import { StatusController } from './consumer/status.controller';
import { EventHistory } from './history/event-history.service';
import { kafkaLogCreator } from './kafka/kafka-log-creator';
import { KafkaProducer } from './kafka/kafka-producer';
import {
  FANOUT_SERVICE,
  KAFKA_SETTINGS,
  type KafkaSettings,
  resolveKafkaSettings,
} from './kafka/kafka-settings';
import { TopicAdmin } from './kafka/topic-admin';
import { MessagingMetrics } from './messaging-metrics';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { Outbox } from './outbox/outbox.service';

export interface MessagingModuleOptions {
  service: ServiceName;
  /** Overrides the environment (KAFKA_BROKERS, KAFKA_CLIENT_ID); for tests. */
  kafka?: Partial<KafkaSettings>;
}

/**
 * Kafka for a service: the outbox (produce), the consumer pipeline (consume), topics, dead letters,
 * event history. Needs PersistenceModule (TransactionRunner) and MetricsModule (Registry).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      controllers: [StatusController],
      providers: [
        {
          provide: KAFKA_SETTINGS,
          // Read while the app is created, not when the module is declared: a bad setting
          // (half-configured credentials) then fails bootstrapService's start-up with its message.
          useFactory: (): KafkaSettings => ({
            ...resolveKafkaSettings(options.service),
            ...options.kafka,
          }),
        },
        { provide: FANOUT_SERVICE, useValue: options.service },
        {
          provide: Kafka,
          inject: [KAFKA_SETTINGS],
          useFactory: (settings: KafkaSettings) =>
            new Kafka({
              clientId: settings.clientId,
              brokers: settings.brokers,
              ...settings.security,
              logCreator: kafkaLogCreator,
              retry: { initialRetryTime: 300, retries: 5 },
            }),
        },
        KafkaProducer,
        TopicAdmin,
        MessagingMetrics,
        Outbox,
        OutboxRelay,
        DeadLetterPublisher,
        EventConsumer,
        ConsumerStatus,
        EventHistory,
      ],
      exports: [
        KAFKA_SETTINGS,
        FANOUT_SERVICE,
        Kafka,
        KafkaProducer,
        TopicAdmin,
        Outbox,
        OutboxRelay,
        EventConsumer,
        ConsumerStatus,
        EventHistory,
        MessagingMetrics,
      ],
    };
  }
}

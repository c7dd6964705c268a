import { type KafkaOptions, Transport } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import type { KafkaSettings } from './kafka-settings';

/**
 * The NestJS Kafka transport as every Fanout service runs it:
 * - groupId = the service name, exactly (postfixId '' drops Nest's "-server" suffix), so all
 *   instances of a service share the partitions and each event is handled once per service;
 * - fromBeginning: a group with no committed offsets starts at the oldest retained event, so a
 *   service deployed later still processes what was published before it joined;
 * - keepBinary: the raw value reaches the pipeline, which validates it (Nest would JSON.parse it and
 *   silently hand over a string when parsing fails);
 * - partitions consumed concurrently (kafkajs keeps each partition in order), so a slow or retrying
 *   event holds up only the orders on its own partition; a service can lower it (see KafkaSettings).
 */
export function kafkaMicroserviceOptions(settings: KafkaSettings): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: {
        clientId: settings.clientId,
        brokers: settings.brokers,
        ...settings.security,
        retry: { initialRetryTime: 300, retries: 10 },
      },
      consumer: {
        groupId: settings.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: settings.sessionTimeoutMs,
        heartbeatInterval: Math.min(3_000, Math.floor(settings.sessionTimeoutMs / 3)),
        ...(settings.fetchGatherMs > 0 && gatheringFetch(settings.fetchGatherMs)),
      },
      // Nest's own producer (for replies; unused here): the explicit partitioner silences kafkajs's
      // start-up warning about its v2 default.
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently },
      parser: { keepBinary: true },
    },
  };
}

/**
 * kafkajs consumer options for a fetch the broker holds for `waitMs` to gather events: it answers
 * when the wait is over, or once a MiB is there (a load far above the demo's).
 */
export function gatheringFetch(waitMs: number): { minBytes: number; maxWaitTimeInMs: number } {
  return { minBytes: 1024 * 1024, maxWaitTimeInMs: waitMs };
}

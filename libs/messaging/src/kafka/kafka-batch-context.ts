import { KafkaContext } from '@nestjs/microservices';
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';

/**
 * What an `@EventPattern` handler receives when Fanout's Kafka server hands it a whole fetched
 * batch of one partition instead of one message. It is a KafkaContext (getMessage() is the batch's
 * last message), so a controller written for single messages needs no change: it passes the
 * context to EventConsumer.consume(), which processes every message of the batch.
 */
export class KafkaBatchContext extends KafkaContext {
  constructor(
    readonly messages: readonly KafkaMessage[],
    partition: number,
    topic: string,
    consumer: Consumer,
    heartbeat: () => Promise<void>,
    producer: Producer,
    /** Marks a message done, so a failure later in the batch does not redeliver it. */
    readonly resolveOffset: (offset: string) => void,
  ) {
    const last = messages[messages.length - 1];
    super([last, partition, topic, consumer, heartbeat, producer]);
  }
}

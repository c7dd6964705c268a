import { Inject, Injectable } from '@nestjs/common';
import {
  Kafka,
  Partitioners,
  type Producer,
  type ProducerBatch,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';

/**
 * The service's one producer, for the outbox relay and dead letters. Idempotent with acks=-1:
 * a retried send is written once, and a send succeeds only when the broker has the records.
 * Connects on first use and again after a failure, so a broker outage heals itself. The outbox
 * relay disconnects it at shutdown, after its last publish.
 */
@Injectable()
export class KafkaProducer {
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;

  constructor(@Inject(Kafka) private readonly kafka: Kafka) {}

  async send(record: Omit<ProducerRecord, 'acks'>): Promise<RecordMetadata[]> {
    const producer = await this.connected();
    try {
      return await producer.send({ ...record, acks: -1 });
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  async sendBatch(batch: Omit<ProducerBatch, 'acks'>): Promise<RecordMetadata[]> {
    const producer = await this.connected();
    try {
      return await producer.sendBatch({ ...batch, acks: -1 });
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.reset();
  }

  private connected(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 3 },
        // kafkajs's default, named: Java's murmur2 placement, and no start-up warning about it.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      try {
        await producer.connect();
        this.producer = producer;
        return producer;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }
}

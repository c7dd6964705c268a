import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { resolveInstanceId } from '@fanout/observability';
import { FANOUT_SERVICE, KAFKA_SETTINGS, type KafkaSettings } from '../kafka/kafka-settings';
import type { ConsumeOutcome } from './event-consumer.service';

interface PartitionLag {
  topic: string;
  partition: number;
  /** Records in the partition after this group's position; null when Kafka did not answer. */
  lag: number | null;
}

/** GET /status. */
export interface ConsumerStatusSnapshot {
  service: string;
  instanceId: string;
  consumerGroup: string;
  /** The partitions the group assigned to this instance, per topic. */
  assignedPartitions: Record<string, number[]>;
  /** Events whose handler ran and committed (duplicates, skips and dead letters not included). */
  eventsProcessed: number;
  /** Every message this instance consumed, by outcome. */
  events: Record<ConsumeOutcome, number>;
  /** Per assigned topic and partition: messages not yet processed (null: Kafka did not answer). */
  lag: Record<string, Record<string, number | null>>;
  totalLag: number | null;
}

/**
 * What this instance's consumer is doing: which partitions the group gave it, how many events it
 * handled, and how far behind it is. Shows load spreading across instances of one service.
 */
@Injectable()
export class ConsumerStatus {
  private assignment: Record<string, number[]> = {};
  private readonly events: Record<ConsumeOutcome, number> = {
    processed: 0,
    duplicate: 0,
    skipped: 0,
    'dead-lettered': 0,
  };
  /** The next offset to read, per "topic:partition", as far as this instance has processed. */
  private readonly positions = new Map<string, bigint>();

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
    @Inject(FANOUT_SERVICE) private readonly service: string,
  ) {}

  assigned(assignment: Record<string, number[]>): void {
    this.assignment = Object.fromEntries(
      Object.entries(assignment).map(([topic, partitions]) => [
        topic,
        [...partitions].sort((a, b) => a - b),
      ]),
    );
  }

  revoked(): void {
    this.assignment = {};
  }

  handled(topic: string, partition: number, offset: string, outcome: ConsumeOutcome): void {
    this.events[outcome] += 1;
    this.positions.set(`${topic}:${partition}`, BigInt(offset) + 1n);
  }

  async snapshot(): Promise<ConsumerStatusSnapshot> {
    const partitions = await this.lag().catch(() =>
      Object.entries(this.assignment).flatMap(([topic, ids]) =>
        ids.map((partition) => ({ topic, partition, lag: null })),
      ),
    );
    const lag: ConsumerStatusSnapshot['lag'] = {};
    for (const { topic, partition, lag: behind } of partitions) {
      (lag[topic] ??= {})[String(partition)] = behind;
    }
    const known = partitions.every((p) => p.lag !== null);
    return {
      service: this.service,
      instanceId: resolveInstanceId(),
      consumerGroup: this.settings.groupId,
      assignedPartitions: this.assignment,
      eventsProcessed: this.events.processed,
      events: { ...this.events },
      lag,
      totalLag: known ? partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0) : null,
    };
  }

  private async lag(): Promise<PartitionLag[]> {
    const topics = Object.keys(this.assignment);
    if (topics.length === 0) return [];
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.settings.groupId, topics });
      const result: PartitionLag[] = [];
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const commits = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const partition of this.assignment[topic] ?? []) {
          const end = ends.find((e) => e.partition === partition);
          if (!end) continue;
          const commit = BigInt(commits.find((c) => c.partition === partition)?.offset ?? '-1');
          const position = [
            commit,
            BigInt(end.low),
            this.positions.get(`${topic}:${partition}`) ?? 0n,
          ].reduce((a, b) => (a > b ? a : b));
          result.push({ topic, partition, lag: Number(BigInt(end.high) - position) });
        }
      }
      return result;
    } finally {
      await admin.disconnect();
    }
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { type Admin, Kafka, KafkaJSProtocolError } from 'kafkajs';
import { serviceDeclarations } from '@fanout/contracts';
import { KAFKA_SETTINGS, type KafkaSettings, TopicAdmin } from '@fanout/messaging';
import { TransactionRunner } from '@fanout/persistence';

/** The tables made only of events: emptied together with the record of which events were read. */
export const PROJECTION_TABLES = ['order_facts', 'order_lines', 'stock_shortages'] as const;

/** Where the consumer group stands on one partition. */
export interface PartitionPosition {
  /** The group's committed offset: the next message it will read; -1 when it has none. */
  committed: number;
  /** The partition's log start offset: the oldest message Kafka still keeps. */
  logStart: number;
}

/**
 * True when the group has nothing committed past the start of any partition: a group that never
 * ran, or one whose offsets were reset to the earliest (kafka-consumer-groups --reset-offsets
 * --to-earliest) or deleted. It is about to read the whole log again.
 */
export function startsFromTheBeginning(positions: readonly PartitionPosition[]): boolean {
  return positions.every(({ committed, logStart }) => committed < 0 || committed <= logStart);
}

/**
 * The projection is a function of the log up to the group's committed offsets. Before the consumer
 * starts, if the group is at the beginning of every partition, whatever the tables hold came from a
 * log position the group no longer remembers: they are emptied, with the inbox (which would
 * otherwise skip every replayed event as a duplicate), and the consumer then rebuilds them from
 * the first event. A rebuild is therefore Kafka's usual move, with the service stopped: reset the
 * group's offsets to the earliest, start it (docs/analytics.md). Runs before the Kafka consumer
 * joins (bootstrapService: app.init(), then the consumers); one replica at a time, as a group
 * reset needs the group empty anyway.
 */
@Injectable()
export class ProjectionReset implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectionReset.name);

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
    private readonly topics: TopicAdmin,
    private readonly transactions: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const positions = await this.positions();
    if (!startsFromTheBeginning(positions)) return;
    const cleared = await this.transactions.run(async ({ manager }) => {
      const [{ count }] = (await manager.query(
        'SELECT count(*) AS count FROM processed_events WHERE consumer_group = $1',
        [this.settings.groupId],
      )) as { count: string }[];
      await manager.query(`TRUNCATE ${PROJECTION_TABLES.join(', ')}`);
      await manager.query('DELETE FROM processed_events WHERE consumer_group = $1', [
        this.settings.groupId,
      ]);
      return Number(count);
    });
    this.logger.log({
      msg:
        cleared > 0
          ? 'the consumer group starts from the beginning of the log: projection dropped, rebuilding'
          : 'the consumer group starts from the beginning of the log: building the projection',
      consumerGroup: this.settings.groupId,
      eventsDropped: cleared,
    });
  }

  private async positions(): Promise<PartitionPosition[]> {
    const topics = [...(serviceDeclarations.analytics.readsTopics ?? [])];
    // The topics exist before the consumer starts anyway (startEventConsumers); here, earlier,
    // so that a first start on a new broker finds offsets to compare.
    await this.topics.ensureTopics(topics);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const committed = await this.committedOffsets(admin, topics);
      const positions: PartitionPosition[] = [];
      for (const { topic, partitions } of committed) {
        const starts = new Map(
          (await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => [partition, low]),
        );
        for (const { partition, offset } of partitions) {
          positions.push({
            committed: Number(offset),
            logStart: Number(starts.get(partition) ?? 0),
          });
        }
      }
      return positions;
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * The group's committed offsets. Apache Kafka answers NOT_COORDINATOR or
   * COORDINATOR_LOAD_IN_PROGRESS while a new broker loads its group coordinator, and kafkajs's
   * admin does not retry fetchOffsets as its consumer retries a join: retried here, a few seconds
   * at most, so that a first start on a new cluster does not fail.
   */
  private async committedOffsets(admin: Admin, topics: string[]) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await admin.fetchOffsets({ groupId: this.settings.groupId, topics });
      } catch (error) {
        if (!(error instanceof KafkaJSProtocolError && error.retriable) || attempt === 10) {
          throw error;
        }
        this.logger.warn({ msg: 'offsets not readable yet, retrying', reason: error.type });
        await delay(100 * attempt);
      }
    }
  }
}

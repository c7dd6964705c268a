import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Message } from 'kafkajs';
import { DataSource, IsNull } from 'typeorm';
import { DATABASE_LOCATION, type DatabaseLocation, TransactionRunner } from '@fanout/persistence';
import { KafkaProducer } from '../kafka/kafka-producer';
import { TopicAdmin } from '../kafka/topic-admin';
import { MessagingMetrics } from '../messaging-metrics';
import { OutboxMessage } from './outbox-message.entity';
import type { OutboxStore, PendingRow, Placement } from './outbox-store';
import { PgliteOutboxStore } from './pglite-outbox-store';
import { OUTBOX_CHANNEL, PostgresOutboxStore } from './postgres-outbox-store';
import { WakeSignal } from './wake-signal';

const BATCH_SIZE = 100;

/** Safety net only: commits (this instance's, or notified from others') wake the relay at once. */
const IDLE_POLL_MS = 1000;
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;
/** Another instance publishes: ask again now and then, it may stop (or die) at any time. */
const FOLLOWER_RETRY_MS = 1000;
/** At shutdown, how long to keep publishing what the last handled events wrote. */
const SHUTDOWN_DRAIN_MS = 5000;

/**
 * Publishes outbox rows in id order and marks them published with their partition and offset.
 * At-least-once: a crash between the send and the mark publishes the batch again on restart, and
 * consumers drop the duplicates by event id. While Kafka is down it retries with exponential backoff.
 * With several instances on one PostgreSQL database, one publishes at a time (see
 * PostgresOutboxStore); the others' commits notify it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly signal = new WakeSignal();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private stopped = new AbortController();
  private shuttingDown: Promise<void> | null = null;
  /** This instance's mark on the notifications its commits send (see `commitNotice`). */
  private readonly instanceId = randomUUID();
  private readonly store: OutboxStore;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly producer: KafkaProducer,
    private readonly topics: TopicAdmin,
    private readonly metrics: MessagingMetrics,
    @Inject(DATABASE_LOCATION) private readonly location: DatabaseLocation,
  ) {
    metrics.trackOutboxPending(() =>
      this.transactions.run((tx) => tx.manager.countBy(OutboxMessage, { publishedAt: IsNull() })),
    );
    this.store =
      location.kind === 'postgres'
        ? new PostgresOutboxStore(location.url, this.instanceId)
        : new PgliteOutboxStore(transactions);
    this.store.onChange(() => this.signal.wake());
  }

  /**
   * What a transaction that wrote outbox rows tells the publishing instance when it commits (a
   * PostgreSQL NOTIFY), or null where no other instance can publish them (PGlite).
   */
  commitNotice(): { channel: string; payload: string } | null {
    return this.location.kind === 'postgres'
      ? { channel: OUTBOX_CHANNEL, payload: this.instanceId }
      : null;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** For an app without Kafka consumers; otherwise `shutdown()` has already run. */
  async onApplicationShutdown(): Promise<void> {
    await this.shutdown();
  }

  /**
   * Stops the relay for good: publishes what is pending (the outbox rows of the last events
   * handled), then disconnects the producer. The Kafka server calls it once its consumer has
   * stopped, while the database is still open (Nest closes TypeORM before this module's hooks).
   */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      const wasRunning = this.loop !== null;
      await this.stop();
      if (wasRunning && this.dataSource.isInitialized) {
        await this.drain();
      }
      await this.producer.disconnect();
      await this.store.close();
    })();
    return this.shuttingDown;
  }

  start(): void {
    this.stopping = false;
    if (this.stopped.signal.aborted) this.stopped = new AbortController();
    this.loop ??= this.run().finally(() => {
      this.loop = null;
    });
  }

  /** Called after a commit that added outbox rows. */
  wake(): void {
    this.signal.wake();
  }

  /**
   * Stops after the batch in hand, and hands leadership to another instance if there is one; rows
   * still pending are published by it, or at the next start.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    this.signal.wake();
    await this.loop;
    await this.store.close();
  }

  private async drain(): Promise<void> {
    const deadline = Date.now() + SHUTDOWN_DRAIN_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), SHUTDOWN_DRAIN_MS);
    });
    try {
      // Until the outbox is empty, or another instance is publishing it.
      while (Date.now() < deadline) {
        const published = await Promise.race([this.publishBatch(), timeout]);
        if (published === 'busy' || published === 0) break;
      }
    } catch (error) {
      this.logger.warn({
        msg: 'outbox not drained at shutdown; publishing at next start',
        err: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Publishes one batch of pending rows; returns how many were published, or 'busy' when another
   * instance of the service is the one publishing from this database.
   */
  async publishBatch(): Promise<number | 'busy'> {
    if (!(await this.store.lead())) return 'busy';
    const rows = await this.store.pending(BATCH_SIZE);
    if (rows.length === 0) return 0;
    try {
      await this.store.markPublished(rows, await this.send(rows));
    } catch (error) {
      await this.store.recordFailure(rows, error);
      throw error;
    }
    return this.published(rows);
  }

  private published(rows: PendingRow[]): number {
    for (const row of rows) {
      this.metrics.published.inc({ topic: row.topic, type: row.eventType });
    }
    return rows.length;
  }

  private async run(): Promise<void> {
    let backoff = MIN_BACKOFF_MS;
    while (!this.stopping && this.dataSource.isInitialized) {
      try {
        const published = await this.publishBatch();
        backoff = MIN_BACKOFF_MS;
        if (published === 'busy') {
          // Its own commits notify the leader: only a timer makes a follower ask again.
          await delay(FOLLOWER_RETRY_MS, undefined, { signal: this.stopped.signal }).catch(
            () => undefined,
          );
        } else if (published < BATCH_SIZE) {
          await this.signal.wait(IDLE_POLL_MS);
        }
      } catch (error) {
        this.logger.warn({
          msg: 'outbox publish failed; retrying',
          err: error,
          backoffMs: backoff,
        });
        await delay(backoff, undefined, { signal: this.stopped.signal }).catch(() => undefined);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Sends the rows, each to the partition its key maps to, and returns where each one landed. */
  private async send(rows: PendingRow[]): Promise<Placement[]> {
    const placed = await Promise.all(
      rows.map(async (row) => ({
        row,
        partition: await this.topics.partitionFor(row.topic, row.messageKey),
      })),
    );
    const byTopic = new Map<string, Message[]>();
    for (const { row, partition } of placed) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.messageKey, value: row.value, headers: row.headers, partition });
      byTopic.set(row.topic, messages);
    }
    const results = await this.producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    // Records of one partition are appended in the order sent, from the returned base offset.
    const nextOffset = new Map<string, bigint>(
      results.map((r) => [`${r.topicName}:${r.partition}`, BigInt(r.baseOffset ?? '0')]),
    );
    return placed.map(({ row, partition }) => {
      const slot = `${row.topic}:${partition}`;
      const offset = nextOffset.get(slot);
      if (offset === undefined) {
        throw new Error(`no produce result for ${slot}`);
      }
      nextOffset.set(slot, offset + 1n);
      return { partition, offset: offset.toString() };
    });
  }
}

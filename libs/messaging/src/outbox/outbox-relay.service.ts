import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import type { Message } from 'kafkajs';
import { DataSource, IsNull } from 'typeorm';
import {
  DATABASE_LOCATION,
  type DatabaseLocation,
  type Transaction,
  TransactionRunner,
} from '@fanout/persistence';
import { KafkaProducer } from '../kafka/kafka-producer';
import { TopicAdmin } from '../kafka/topic-admin';
import { MessagingMetrics } from '../messaging-metrics';
import { OutboxMessage } from './outbox-message.entity';
import { WakeSignal } from './wake-signal';

const BATCH_SIZE = 100;

/** What the relay reads of an outbox row to publish it. */
type PendingRow = Pick<
  OutboxMessage,
  'id' | 'eventType' | 'topic' | 'messageKey' | 'value' | 'headers'
>;
/** Safety net only: commits wake the relay at once; this catches rows written by other processes. */
const IDLE_POLL_MS = 1000;
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;
/** Another instance holds the relay lock: look again soon, it may stop (or die) at any time. */
const BUSY_RETRY_MS = 200;
/** At shutdown, how long to keep publishing what the last handled events wrote. */
const SHUTDOWN_DRAIN_MS = 5000;

/**
 * Publishes outbox rows in id order and marks them published with their partition and offset.
 * At-least-once: a crash between the send and the mark publishes the batch again on restart, and
 * consumers drop the duplicates by event id. While Kafka is down it retries with exponential backoff.
 * With several instances on one PostgreSQL database, one publishes at a time (advisory lock).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly signal = new WakeSignal();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private stopped = new AbortController();
  private shuttingDown: Promise<void> | null = null;

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

  /** Stops after the batch in hand; rows still pending are published at the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    this.signal.wake();
    await this.loop;
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
   * instance of the service is publishing from the same database right now.
   */
  publishBatch(): Promise<number | 'busy'> {
    return this.location.kind === 'postgres'
      ? this.publishBatchAsLeader()
      : this.publishBatchAlone();
  }

  /**
   * PostgreSQL, where several instances share the outbox: whoever takes the advisory lock publishes,
   * inside one transaction, so rows go out once and in id order (two relays sending the same rows
   * at once could interleave an order's events). The lock ends with the transaction.
   */
  private async publishBatchAsLeader(): Promise<number | 'busy'> {
    let claimed: PendingRow[] = [];
    try {
      return await this.transactions.run(async (tx) => {
        const [lock] = await tx.manager.query(
          `SELECT pg_try_advisory_xact_lock(hashtext('fanout.outbox-relay')) AS locked`,
        );
        if (!lock?.locked) return 'busy' as const;
        claimed = await this.pending(tx);
        if (claimed.length > 0) {
          await this.markPublished(tx, claimed, await this.send(claimed));
        }
        return this.published(claimed);
      });
    } catch (error) {
      await this.recordFailure(claimed, error);
      throw error;
    }
  }

  /**
   * PGlite: one process owns the database, so there is no other relay; and its transactions are
   * serialised, so the send happens between two short transactions instead of inside one.
   */
  private async publishBatchAlone(): Promise<number> {
    const rows = await this.transactions.run((tx) => this.pending(tx));
    if (rows.length === 0) return 0;
    try {
      const placed = await this.send(rows);
      await this.transactions.run((tx) => this.markPublished(tx, rows, placed));
    } catch (error) {
      await this.recordFailure(rows, error);
      throw error;
    }
    return this.published(rows);
  }

  private async pending(tx: Transaction): Promise<PendingRow[]> {
    const rows: (Omit<PendingRow, 'id'> & { id: string | number })[] = await tx.manager.query(
      `SELECT id, event_type AS "eventType", topic, message_key AS "messageKey", value, headers
         FROM outbox_messages WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [BATCH_SIZE],
    );
    // pg returns bigint as a string, PGlite as a number.
    return rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  private async markPublished(
    tx: Transaction,
    rows: PendingRow[],
    placed: { partition: number; offset: string }[],
  ): Promise<void> {
    await tx.manager.query(
      `UPDATE outbox_messages AS o
          SET published_at = now(), partition = v.partition, "offset" = v.offset,
              attempts = o.attempts + 1, last_error = NULL
         FROM unnest($1::bigint[], $2::int[], $3::bigint[]) AS v(id, partition, "offset")
        WHERE o.id = v.id`,
      [rows.map((row) => row.id), placed.map((p) => p.partition), placed.map((p) => p.offset)],
    );
  }

  /** Best effort: the attempt count and last error make a stuck outbox visible in the table. */
  private async recordFailure(rows: PendingRow[], error: unknown): Promise<void> {
    if (rows.length === 0) return;
    await this.transactions
      .run((tx) =>
        tx.manager.query(
          `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2
            WHERE id = ANY($1::bigint[])`,
          [rows.map((row) => row.id), (error as Error).message ?? String(error)],
        ),
      )
      .catch(() => undefined);
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
          await delay(BUSY_RETRY_MS, undefined, { signal: this.stopped.signal }).catch(
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
  private async send(rows: PendingRow[]): Promise<{ partition: number; offset: string }[]> {
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

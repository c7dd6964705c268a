/**
 * What the server needs from storage. The storage module implements it on disk; nothing here
 * knows about sockets or the wire protocol beyond record batches.
 */

export type FsyncPolicy = 'always' | 'never' | { intervalMs: number };

export interface StorageConfig {
  dataDir: string;
  /** Roll the active segment once it reaches this many bytes. */
  segmentBytes: number;
  /** Delete closed segments older than this (ms); -1 keeps them forever. */
  retentionMs: number;
  /** Delete the oldest closed segments while a partition exceeds this many bytes; -1: no limit. */
  retentionBytes: number;
  /** 'always': fdatasync before an ack (group commit); 'never': leave it to the OS. */
  fsync: FsyncPolicy;
}

/**
 * Kafka's cleanup.policy. This broker never compacts: a 'compact' topic is exempt from retention
 * instead, so it keeps every record, a superset of what compaction keeps (the latest record of
 * every key). A consumer reading it from the beginning still ends with every key's latest value;
 * it reads the superseded ones too, as it may on Kafka, where the log's head is never compacted.
 */
export type CleanupPolicy = 'delete' | 'compact';

export interface TopicInfo {
  name: string;
  partitions: number;
}

export interface AppendResult {
  /** Offset given to the first record of the first batch (or of the original append, for a duplicate). */
  baseOffset: number;
  logStartOffset: number;
}

/** Outcomes of an append the storage refuses; the server maps them to Kafka error codes. */
export type AppendError =
  | 'CORRUPT_MESSAGE' // 2: CRC or framing
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER' // 45
  | 'INVALID_PRODUCER_EPOCH' // 47
  | 'UNKNOWN_PRODUCER_ID'; // 59

export type ReadResult =
  | {
      /** Whole stored batches starting at or before the fetch offset, at most ~maxBytes (at least one batch). */
      chunks: Buffer[];
      bytes: number;
      highWatermark: number;
      logStartOffset: number;
    }
  | { error: 'OFFSET_OUT_OF_RANGE'; highWatermark: number; logStartOffset: number };

export interface PartitionLog {
  readonly topic: string;
  readonly partition: number;
  /** Next offset to be written; every offset below it is readable. */
  highWatermark(): number;
  logStartOffset(): number;
  /**
   * Appends one or more record batches exactly as the client sent them (offsets rewritten in
   * place). Resolves once the bytes were handed to the OS (and fdatasync'ed with fsync 'always').
   * Idempotent producers (producerId >= 0) get Kafka's sequence checks: a retried batch resolves
   * with its original offset and is not written twice.
   * Storage keeps `batches` (recent batches are served to readers from memory): the caller hands
   * it over and must not reuse or modify that memory afterwards.
   */
  append(batches: Buffer): Promise<AppendResult | { error: AppendError }>;
  read(offset: number, maxBytes: number): Promise<ReadResult>;
  /** Earliest offset whose batch max timestamp >= timestamp; highWatermark when none. */
  offsetForTimestamp(timestamp: number): Promise<number>;
  /** Called after every append becomes readable (wakes long-polling fetches). */
  onAppend(listener: () => void): () => void;
}

export interface LogStore {
  /** Creates a topic (cleanup policy 'delete' unless given); false when it already exists. */
  createTopic(name: string, partitions: number, cleanupPolicy?: CleanupPolicy): Promise<boolean>;
  /** The topic's cleanup policy; 'delete' for a topic that does not exist. */
  cleanupPolicy(name: string): CleanupPolicy;
  deleteTopic(name: string): Promise<boolean>;
  /**
   * Grows a topic to `partitions` partitions (CreatePartitions); the new ones start empty and
   * existing ones are untouched. False when the topic does not exist. A count that is not above
   * the current one (or above MAX_PARTITIONS) is refused with InvalidTopicError.
   */
  addPartitions(name: string, partitions: number): Promise<boolean>;
  topics(): TopicInfo[];
  topic(name: string): TopicInfo | undefined;
  partition(topic: string, partition: number): PartitionLog | undefined;
  /** Hands out a new producer id for InitProducerId (persisted, never reused). */
  allocateProducerId(): Promise<number>;
  /** Flushes and closes every file. */
  close(): Promise<void>;
  /** Rejects once an fsync or write failed: the broker must stop acking and exit. */
  readonly fatal: Promise<never>;
}

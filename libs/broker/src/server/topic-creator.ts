import { ErrorCode } from '../protocol/error-codes';
import type { CleanupPolicy, LogStore, TopicInfo } from '../storage/log-store';
import { topicNameProblem } from '../storage/topic-catalog';

export type EnsureTopicResult = TopicInfo | { errorCode: ErrorCode };

/**
 * Creates topics on first use (Metadata, Produce) and by request (CreateTopics). Concurrent
 * requests for the same new topic share one creation, so none of them sees it half-made.
 */
export class TopicCreator {
  private readonly creating = new Map<string, Promise<boolean>>();

  constructor(
    private readonly store: LogStore,
    /** Partitions of a topic created on first use, or by CreateTopics asking for -1. */
    readonly defaultPartitions: number,
  ) {}

  /** Why a name cannot be a topic, or undefined when it can. */
  nameProblem(name: string): string | undefined {
    return topicNameProblem(name);
  }

  /** The topic, created with the default partition count when it does not exist yet. */
  async ensure(name: string): Promise<EnsureTopicResult> {
    const existing = this.store.topic(name);
    if (existing) return existing;
    if (this.nameProblem(name)) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION };
    await this.create(name, this.defaultPartitions);
    return this.store.topic(name) ?? { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
  }

  /** False when the topic already existed (or another request created it first). */
  create(name: string, partitions: number, cleanupPolicy?: CleanupPolicy): Promise<boolean> {
    const pending = this.creating.get(name);
    if (pending) return pending.then(() => false);
    const creation = this.store.createTopic(name, partitions, cleanupPolicy).finally(() => {
      this.creating.delete(name);
    });
    this.creating.set(name, creation);
    return creation;
  }
}

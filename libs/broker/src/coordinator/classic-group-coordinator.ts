import { ErrorCode } from '../protocol/error-codes';
import type { FsyncPolicy } from '../storage/log-store';
import { systemClock, type Clock } from './clock';
import { joinError, syncError } from './error-results';
import { ClassicGroup } from './group';
import type {
  CommitInput,
  GroupCoordinator,
  GroupDescription,
  JoinGroupInput,
  JoinGroupResult,
  LeavingMember,
  SyncGroupInput,
  SyncGroupResult,
} from './group-coordinator';
import { OffsetStore } from './offset-store';

export interface ClassicGroupCoordinatorOptions {
  dataDir: string;
  fsync: FsyncPolicy;
  /** Kafka's group.min.session.timeout.ms. */
  minSessionTimeoutMs?: number;
  /** Kafka's group.max.session.timeout.ms. */
  maxSessionTimeoutMs?: number;
  /**
   * Kafka's group.initial.rebalance.delay.ms (3 s there): kept short so a service starts
   * consuming quickly; kafkajs and librdkafka handle the rebalances later members cause.
   */
  initialRebalanceDelayMs?: number;
  /** Kafka's offset.metadata.max.bytes. */
  maxOffsetMetadataLength?: number;
  /** Size past which the offsets log is compacted (see OffsetStore). */
  offsetsCompactBytes?: number;
  /** The groups' session, rebalance and join-delay timers; real time unless a test moves it. */
  clock?: Clock;
}

const DEFAULTS = {
  minSessionTimeoutMs: 6_000,
  maxSessionTimeoutMs: 1_800_000,
  initialRebalanceDelayMs: 100,
  maxOffsetMetadataLength: 4096,
};

/**
 * The classic group coordinator: one state machine per group (see ClassicGroup) plus the durable
 * committed offsets (see OffsetStore). Requests arrive already decoded; nothing here does I/O
 * beyond the offsets log.
 */
export class ClassicGroupCoordinator implements GroupCoordinator {
  private readonly groups = new Map<string, ClassicGroup>();
  private closed = false;
  /** Rejects once committed offsets can no longer be persisted: the broker must stop. */
  readonly fatal: Promise<never>;

  private constructor(
    private readonly settings: typeof DEFAULTS,
    private readonly offsets: OffsetStore,
    private readonly clock: Clock,
  ) {
    this.fatal = offsets.fatal;
  }

  static async open(options: ClassicGroupCoordinatorOptions): Promise<ClassicGroupCoordinator> {
    const offsets = await OffsetStore.open({
      dataDir: options.dataDir,
      fsync: options.fsync,
      ...(options.offsetsCompactBytes === undefined
        ? {}
        : { compactBytes: options.offsetsCompactBytes }),
    });
    const settings = { ...DEFAULTS };
    for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
      settings[key] = options[key] ?? DEFAULTS[key];
    }
    return new ClassicGroupCoordinator(settings, offsets, options.clock ?? systemClock);
  }

  joinGroup(input: JoinGroupInput): Promise<JoinGroupResult> {
    const error = this.groupRequestError(input.groupId);
    if (error !== ErrorCode.NONE) {
      return Promise.resolve(joinError(input.memberId, error));
    }
    const { minSessionTimeoutMs, maxSessionTimeoutMs } = this.settings;
    if (
      input.sessionTimeoutMs < minSessionTimeoutMs ||
      input.sessionTimeoutMs > maxSessionTimeoutMs
    ) {
      return Promise.resolve(joinError(input.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    let group = this.groups.get(input.groupId);
    if (!group) {
      if (input.memberId !== '') {
        return Promise.resolve(joinError(input.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      }
      group = new ClassicGroup(input.groupId, {
        initialRebalanceDelayMs: this.settings.initialRebalanceDelayMs,
        clock: this.clock,
      });
      this.groups.set(input.groupId, group);
    }
    return group.join(input);
  }

  syncGroup(input: SyncGroupInput): Promise<SyncGroupResult> {
    const error = this.groupRequestError(input.groupId);
    if (error !== ErrorCode.NONE) {
      return Promise.resolve(syncError(error));
    }
    const group = this.groups.get(input.groupId);
    if (!group) {
      return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    }
    return group.sync(input);
  }

  heartbeat(
    groupId: string,
    generationId: number,
    memberId: string,
    groupInstanceId: string | null,
  ): ErrorCode {
    const error = this.groupRequestError(groupId);
    if (error !== ErrorCode.NONE) {
      return error;
    }
    return (
      this.groups.get(groupId)?.heartbeat(generationId, memberId, groupInstanceId) ??
      ErrorCode.UNKNOWN_MEMBER_ID
    );
  }

  leaveGroup(
    groupId: string,
    members: LeavingMember[],
  ): { errorCode: number; members: { memberId: string; errorCode: number }[] } {
    const error = this.groupRequestError(groupId);
    if (error !== ErrorCode.NONE) {
      return { errorCode: error, members: [] };
    }
    const group = this.groups.get(groupId);
    return {
      errorCode: ErrorCode.NONE,
      members: members.map((member) => ({
        memberId: member.memberId,
        errorCode: group?.leave(member) ?? ErrorCode.UNKNOWN_MEMBER_ID,
      })),
    };
  }

  async commitOffsets(
    input: CommitInput,
  ): Promise<{ topic: string; partition: number; errorCode: number }[]> {
    const error = this.commitError(input);
    if (error !== ErrorCode.NONE) {
      return input.offsets.map(({ topic, partition }) => ({ topic, partition, errorCode: error }));
    }
    const accepted = input.offsets.filter(
      ({ metadata }) => (metadata ?? '').length <= this.settings.maxOffsetMetadataLength,
    );
    let writeError = ErrorCode.NONE;
    if (accepted.length > 0) {
      try {
        await this.offsets.commit(
          input.groupId,
          accepted.map(({ topic, partition, offset, metadata }) => ({
            topic,
            partition,
            offset,
            metadata: metadata ?? '',
          })),
        );
      } catch {
        // The store has failed for good and `fatal` has rejected: the broker is going down.
        writeError = ErrorCode.UNKNOWN_SERVER_ERROR;
      }
    }
    return input.offsets.map(({ topic, partition, metadata }) => ({
      topic,
      partition,
      errorCode:
        (metadata ?? '').length > this.settings.maxOffsetMetadataLength
          ? ErrorCode.OFFSET_METADATA_TOO_LARGE
          : writeError,
    }));
  }

  fetchOffsets(
    groupId: string,
    topics: { topic: string; partitions: number[] }[] | null,
  ): {
    topic: string;
    partition: number;
    offset: number;
    metadata: string | null;
    errorCode: number;
  }[] {
    if (topics === null) {
      return this.offsets
        .groupOffsets(groupId)
        .map((committed) => ({ ...committed, errorCode: ErrorCode.NONE }));
    }
    return topics.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => {
        const committed = this.offsets.get(groupId, topic, partition);
        return {
          topic,
          partition,
          offset: committed?.offset ?? -1,
          metadata: committed?.metadata ?? '',
          errorCode: ErrorCode.NONE,
        };
      }),
    );
  }

  describeGroup(groupId: string): GroupDescription {
    const group = this.groups.get(groupId);
    if (group) {
      return group.describe();
    }
    // A group known only by its committed offsets (e.g. after a restart) is Empty, like in Kafka.
    const known = this.offsets.groupOffsets(groupId).length > 0;
    return {
      errorCode: ErrorCode.NONE,
      groupId,
      state: known ? 'Empty' : 'Dead',
      protocolType: '',
      protocol: '',
      members: [],
    };
  }

  listGroups(): { groupId: string; protocolType: string }[] {
    const listed = new Map<string, string>();
    for (const groupId of this.offsets.groupIds()) {
      listed.set(groupId, '');
    }
    for (const group of this.groups.values()) {
      listed.set(group.groupId, group.protocolType);
    }
    return [...listed].map(([groupId, protocolType]) => ({ groupId, protocolType }));
  }

  deleteTopicOffsets(topic: string): Promise<void> {
    return this.offsets.deleteTopic(topic);
  }

  deleteGroups(groupIds: string[]): Promise<{ groupId: string; errorCode: number }[]> {
    return Promise.all(
      [...new Set(groupIds)].map(async (groupId) => ({
        groupId,
        errorCode: await this.deleteGroup(groupId),
      })),
    );
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    for (const group of this.groups.values()) {
      group.shutdown();
    }
    await this.offsets.close();
  }

  private async deleteGroup(groupId: string): Promise<ErrorCode> {
    const error = this.groupRequestError(groupId);
    if (error !== ErrorCode.NONE) {
      return error;
    }
    const group = this.groups.get(groupId);
    if (group && group.state !== 'Empty') {
      return ErrorCode.NON_EMPTY_GROUP;
    }
    if (!group && this.offsets.groupOffsets(groupId).length === 0) {
      return ErrorCode.GROUP_ID_NOT_FOUND;
    }
    // Decided here, before the tombstone is written, as Kafka marks the group Dead first: a
    // JoinGroup arriving meanwhile starts a new group rather than reviving this one.
    if (group) {
      group.shutdown();
      this.groups.delete(groupId);
    }
    try {
      await this.offsets.deleteGroup(groupId);
    } catch {
      // The store has failed for good and `fatal` has rejected: the broker is going down.
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    return ErrorCode.NONE;
  }

  /** Checks every group API (but the offset ones) makes first, as Kafka does. */
  private groupRequestError(groupId: string): ErrorCode {
    if (this.closed) {
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    return groupId === '' ? ErrorCode.INVALID_GROUP_ID : ErrorCode.NONE;
  }

  private commitError({ groupId, generationId, memberId }: CommitInput): ErrorCode {
    if (this.closed) {
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    const group = this.groups.get(groupId);
    if (!group) {
      // No members: only a consumer managing its own partitions (generation -1) may commit.
      return generationId < 0 ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
    }
    return group.validateCommit(generationId, memberId);
  }
}

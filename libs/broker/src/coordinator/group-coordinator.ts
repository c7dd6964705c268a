/**
 * What the server needs from group coordination (the classic consumer group protocol) and
 * committed offsets. Error codes are Kafka's numeric codes (see protocol/error-codes.ts).
 */

export interface JoinGroupInput {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** '' for a first join. */
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
  clientId: string;
  clientHost: string;
  /** JoinGroup v4+: a join without a member id is answered MEMBER_ID_REQUIRED with a fresh id. */
  requireKnownMemberId: boolean;
}

export interface JoinGroupResult {
  errorCode: number;
  generationId: number;
  protocolName: string;
  leader: string;
  memberId: string;
  /** Only the leader receives the members and their metadata. */
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncGroupInput {
  groupId: string;
  generationId: number;
  memberId: string;
  /** SyncGroup v3+: a static member's instance id, which fences its replaced member ids. */
  groupInstanceId: string | null;
  /** Non-empty only from the leader. */
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResult {
  errorCode: number;
  assignment: Buffer;
}

export interface CommitInput {
  groupId: string;
  /** -1 and '' for a simple (standalone) consumer's commit. */
  generationId: number;
  memberId: string;
  offsets: { topic: string; partition: number; offset: number; metadata: string | null }[];
}

export interface GroupDescription {
  errorCode: number;
  groupId: string;
  state: 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';
  protocolType: string;
  protocol: string;
  members: {
    memberId: string;
    clientId: string;
    clientHost: string;
    metadata: Buffer;
    assignment: Buffer;
  }[];
}

/** LeaveGroup v3 names a static member by its instance id, with or without its member id. */
export interface LeavingMember {
  memberId: string;
  groupInstanceId: string | null;
}

export interface GroupCoordinator {
  joinGroup(input: JoinGroupInput): Promise<JoinGroupResult>;
  syncGroup(input: SyncGroupInput): Promise<SyncGroupResult>;
  /** groupInstanceId: Heartbeat v3+, a static member's instance id (null otherwise). */
  heartbeat(
    groupId: string,
    generationId: number,
    memberId: string,
    groupInstanceId: string | null,
  ): number;
  /**
   * errorCode is the request-level error; each member gets its own. LeaveGroup v0-2 has one
   * error field: answer with errorCode, or the member's error when errorCode is 0 (as Kafka does).
   */
  leaveGroup(
    groupId: string,
    members: LeavingMember[],
  ): { errorCode: number; members: { memberId: string; errorCode: number }[] };
  /** Resolves once the offsets are written (and synced, per the fsync policy). */
  commitOffsets(
    input: CommitInput,
  ): Promise<{ topic: string; partition: number; errorCode: number }[]>;
  /**
   * topics null: every partition the group has committed. Offset -1 and metadata '' when never
   * committed. Does not check that the topics exist (the server knows them).
   */
  fetchOffsets(
    groupId: string,
    topics: { topic: string; partitions: number[] }[] | null,
  ): {
    topic: string;
    partition: number;
    offset: number;
    metadata: string | null;
    errorCode: number;
  }[];
  describeGroup(groupId: string): GroupDescription;
  listGroups(): { groupId: string; protocolType: string }[];
  /** Forgets committed offsets of a deleted topic. */
  deleteTopicOffsets(topic: string): Promise<void>;
  /**
   * Kafka's DeleteGroups: removes each group that has no members together with its committed
   * offsets, durably, and answers once per distinct group id: NON_EMPTY_GROUP while it has
   * members, GROUP_ID_NOT_FOUND when it has neither members nor offsets, INVALID_GROUP_ID for ''.
   */
  deleteGroups(groupIds: string[]): Promise<{ groupId: string; errorCode: number }[]>;
  /** Answers every held join/sync, clears every timer and flushes the offsets log. */
  close(): Promise<void>;
  /** Rejects once committed offsets can no longer be persisted: the broker must stop. */
  readonly fatal: Promise<never>;
}

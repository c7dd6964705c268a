import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes';
import type {
  GroupDescription,
  JoinGroupInput,
  JoinGroupResult,
  LeavingMember,
  SyncGroupInput,
  SyncGroupResult,
} from './group-coordinator';
import type { Clock, TimerHandle } from './clock';
import { joinError, syncError } from './error-results';
import { GroupMember, type MemberProtocol, type MemberSubscription } from './member';
import { commonProtocols, selectProtocol } from './select-protocol';

export type GroupState = GroupDescription['state'];

export interface GroupTimings {
  /** Kafka's group.initial.rebalance.delay.ms: how long a group that was empty gathers joins. */
  initialRebalanceDelayMs: number;
  /** Where every session, rebalance and join-delay timer of the group is started. */
  clock: Clock;
}

/**
 * One consumer group under the classic protocol: its members and the Empty →
 * PreparingRebalance → CompletingRebalance → Stable state machine, as Kafka's coordinator runs
 * it. Every timer it starts is cleared by shutdown().
 *
 * Static members (KIP-345, a `group.instance.id`) keep their place across restarts: a join
 * with a known instance id takes over that member's assignment under a new member id, without a
 * rebalance when nothing changed, and the replaced member id is fenced (FENCED_INSTANCE_ID).
 */
export class ClassicGroup {
  private currentState: GroupState = 'Empty';
  private generation = 0;
  private groupProtocolType = '';
  private protocolName = '';
  private leaderId: string | null = null;
  private readonly members = new Map<string, GroupMember>();
  /** Member ids handed out with MEMBER_ID_REQUIRED, waiting for the member's second join. */
  private readonly pendingMembers = new Map<string, TimerHandle>();
  /** Group instance id → the member id that holds it now. */
  private readonly staticMembers = new Map<string, string>();
  private rebalanceTimer: TimerHandle | null = null;
  private initialDelay: { budgetMs: number; newMembersJoined: boolean } | null = null;

  constructor(
    readonly groupId: string,
    private readonly timings: GroupTimings,
  ) {}

  get state(): GroupState {
    return this.currentState;
  }

  get protocolType(): string {
    return this.groupProtocolType;
  }

  join(input: JoinGroupInput): Promise<JoinGroupResult> {
    if (this.currentState === 'Dead') {
      return rejectJoin(input.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }
    if (input.memberId === '') {
      return input.groupInstanceId === null
        ? this.joinAsNewMember(input)
        : this.joinAsStaticMember(input.groupInstanceId, input);
    }
    const fenced = this.fencingError(input.memberId, input.groupInstanceId);
    if (fenced !== ErrorCode.NONE) {
      return rejectJoin(input.memberId, fenced);
    }
    if (this.pendingMembers.has(input.memberId)) {
      if (!this.supportsProtocols(input.protocolType, input.protocols)) {
        return rejectJoin(input.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      }
      return this.addMemberAndRebalance(input.memberId, input);
    }
    const member = this.members.get(input.memberId);
    if (!member) {
      return rejectJoin(input.memberId, ErrorCode.UNKNOWN_MEMBER_ID);
    }
    if (!this.supportsProtocols(input.protocolType, input.protocols, member)) {
      return rejectJoin(input.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    return this.rejoin(member, input);
  }

  sync(input: SyncGroupInput): Promise<SyncGroupResult> {
    const fenced = this.fencingError(input.memberId, input.groupInstanceId);
    if (fenced !== ErrorCode.NONE) {
      return Promise.resolve(syncError(fenced));
    }
    const member = this.members.get(input.memberId);
    if (!member) {
      return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    }
    if (input.generationId !== this.generation) {
      return Promise.resolve(syncError(ErrorCode.ILLEGAL_GENERATION));
    }
    switch (this.currentState) {
      case 'PreparingRebalance':
        return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'CompletingRebalance': {
        member.touch();
        const response = member.awaitSync(ErrorCode.REBALANCE_IN_PROGRESS);
        if (member.memberId === this.leaderId) {
          this.installAssignments(input.assignments);
        }
        return response;
      }
      case 'Stable':
        member.touch();
        return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
      default:
        return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  heartbeat(generationId: number, memberId: string, groupInstanceId: string | null): ErrorCode {
    const fenced = this.fencingError(memberId, groupInstanceId);
    if (fenced !== ErrorCode.NONE) {
      return fenced;
    }
    const member = this.members.get(memberId);
    if (!member) {
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    if (generationId !== this.generation) {
      return ErrorCode.ILLEGAL_GENERATION;
    }
    member.touch();
    // Members learn from their heartbeat that they must rejoin.
    return this.currentState === 'PreparingRebalance'
      ? ErrorCode.REBALANCE_IN_PROGRESS
      : ErrorCode.NONE;
  }

  leave({ memberId, groupInstanceId }: LeavingMember): ErrorCode {
    if (groupInstanceId !== null) {
      // Named by instance id (an admin removing a static member may not know its member id).
      const holder = this.staticMembers.get(groupInstanceId);
      if (holder === undefined) {
        return ErrorCode.UNKNOWN_MEMBER_ID;
      }
      if (memberId !== '' && memberId !== holder) {
        return ErrorCode.FENCED_INSTANCE_ID;
      }
      memberId = holder;
    }
    const pendingTimer = this.pendingMembers.get(memberId);
    if (pendingTimer !== undefined) {
      this.timings.clock.clearTimeout(pendingTimer);
      this.pendingMembers.delete(memberId);
      this.tryCompleteJoin();
      return ErrorCode.NONE;
    }
    const member = this.members.get(memberId);
    if (!member) {
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    this.removeMember(member);
    return ErrorCode.NONE;
  }

  /** Kafka's rules for an OffsetCommit (classic group); NONE when it may be written. */
  validateCommit(generationId: number, memberId: string): ErrorCode {
    if (this.currentState === 'Dead') {
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    // A consumer that manages its own partitions (or an admin client) commits with generation
    // -1; that is only allowed while no members use the group.
    if (generationId < 0 && this.currentState === 'Empty') {
      return ErrorCode.NONE;
    }
    if (generationId >= 0 || memberId !== '') {
      if (!this.members.has(memberId)) {
        return ErrorCode.UNKNOWN_MEMBER_ID;
      }
      if (generationId !== this.generation) {
        return ErrorCode.ILLEGAL_GENERATION;
      }
    } else {
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    // The member already holds the new generation but not yet its assignment: the commit can
    // only be for partitions it may no longer own.
    return this.currentState === 'CompletingRebalance'
      ? ErrorCode.REBALANCE_IN_PROGRESS
      : ErrorCode.NONE;
  }

  describe(): GroupDescription {
    const stable = this.currentState === 'Stable';
    return {
      errorCode: ErrorCode.NONE,
      groupId: this.groupId,
      state: this.currentState,
      protocolType: this.groupProtocolType,
      protocol: stable ? this.protocolName : '',
      members: [...this.members.values()].map((member) => ({
        memberId: member.memberId,
        clientId: member.clientId,
        clientHost: member.clientHost,
        // Like Kafka, metadata and assignments are only shown once the group is stable.
        metadata: stable ? member.metadataFor(this.protocolName) : Buffer.alloc(0),
        assignment: stable ? member.assignment : Buffer.alloc(0),
      })),
    };
  }

  /** Answers every held request and clears every timer (broker shutdown). */
  shutdown(): void {
    this.clearRebalanceTimer();
    for (const timer of this.pendingMembers.values()) {
      this.timings.clock.clearTimeout(timer);
    }
    this.pendingMembers.clear();
    this.staticMembers.clear();
    for (const member of this.members.values()) {
      member.stopSessionTimer();
      member.failJoin(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      member.completeSync(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    }
    this.currentState = 'Dead';
  }

  private joinAsNewMember(input: JoinGroupInput): Promise<JoinGroupResult> {
    if (!this.supportsProtocols(input.protocolType, input.protocols)) {
      return rejectJoin('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    const memberId = `${input.clientId}-${randomUUID()}`;
    if (input.requireKnownMemberId) {
      this.addPendingMember(memberId, input.sessionTimeoutMs);
      return rejectJoin(memberId, ErrorCode.MEMBER_ID_REQUIRED);
    }
    return this.addMemberAndRebalance(memberId, input);
  }

  /**
   * A static member's first join after a start: new to the group it joins as any new member
   * (Kafka skips MEMBER_ID_REQUIRED for static members); known, it replaces its old self.
   */
  private joinAsStaticMember(instanceId: string, input: JoinGroupInput): Promise<JoinGroupResult> {
    const holderId = this.staticMembers.get(instanceId);
    const previous = holderId === undefined ? undefined : this.members.get(holderId);
    if (!this.supportsProtocols(input.protocolType, input.protocols, previous)) {
      return rejectJoin('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    const memberId = `${input.clientId}-${randomUUID()}`;
    if (!previous) {
      return this.addMemberAndRebalance(memberId, input);
    }
    const unchanged = previous.hasSameProtocols(input.protocols);
    const member = this.replaceMember(previous, memberId, input);
    if (this.currentState === 'Stable' && unchanged) {
      // Nothing to rebalance: the member syncs and gets back the assignment it had. Like Kafka
      // (JoinGroup before v9), a returning leader is not handed the member list to assign.
      member.touch();
      return Promise.resolve({ ...this.joinResult(member), members: [] });
    }
    // Mid-rebalance (the assignment being made names the old id) or changed: rebalance.
    return this.updateMemberAndRebalance(member, input);
  }

  /** The member under a new id, its old id fenced: what it was waiting for is answered so. */
  private replaceMember(
    previous: GroupMember,
    memberId: string,
    input: JoinGroupInput,
  ): GroupMember {
    previous.stopSessionTimer();
    previous.failJoin(ErrorCode.FENCED_INSTANCE_ID);
    previous.completeSync(syncError(ErrorCode.FENCED_INSTANCE_ID));
    const member = new GroupMember(
      memberId,
      subscriptionOf(input),
      (expired) => this.removeMember(expired),
      this.timings.clock,
    );
    member.assignment = previous.assignment;
    this.members.delete(previous.memberId);
    this.members.set(memberId, member);
    this.trackStaticMember(member);
    if (this.leaderId === previous.memberId) {
      this.leaderId = memberId;
    }
    return member;
  }

  /**
   * FENCED_INSTANCE_ID for a member id that its instance id no longer holds (the member was
   * replaced by a restart of the same instance); NONE otherwise.
   */
  private fencingError(memberId: string, groupInstanceId: string | null): ErrorCode {
    if (groupInstanceId === null) {
      return ErrorCode.NONE;
    }
    const holder = this.staticMembers.get(groupInstanceId);
    return holder !== undefined && holder !== memberId
      ? ErrorCode.FENCED_INSTANCE_ID
      : ErrorCode.NONE;
  }

  private trackStaticMember(member: GroupMember): void {
    if (member.groupInstanceId !== null) {
      this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
  }

  private forgetMember(member: GroupMember): void {
    member.stopSessionTimer();
    this.members.delete(member.memberId);
    const instanceId = member.groupInstanceId;
    if (instanceId !== null && this.staticMembers.get(instanceId) === member.memberId) {
      this.staticMembers.delete(instanceId);
    }
  }

  private rejoin(member: GroupMember, input: JoinGroupInput): Promise<JoinGroupResult> {
    switch (this.currentState) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(member, input);
      case 'CompletingRebalance':
        // The member may have missed the join response of this generation: send it again.
        if (member.hasSameProtocols(input.protocols)) {
          member.touch();
          return Promise.resolve(this.joinResult(member));
        }
        return this.updateMemberAndRebalance(member, input);
      case 'Stable':
        // A follower rejoining unchanged just gets the current generation back; the leader's
        // rejoin (e.g. its subscription metadata changed) starts a rebalance.
        if (member.memberId !== this.leaderId && member.hasSameProtocols(input.protocols)) {
          member.touch();
          return Promise.resolve(this.joinResult(member));
        }
        return this.updateMemberAndRebalance(member, input);
      default:
        return rejectJoin(member.memberId, ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  private addMemberAndRebalance(memberId: string, input: JoinGroupInput): Promise<JoinGroupResult> {
    const pendingTimer = this.pendingMembers.get(memberId);
    if (pendingTimer !== undefined) {
      this.timings.clock.clearTimeout(pendingTimer);
      this.pendingMembers.delete(memberId);
    }
    const member = new GroupMember(
      memberId,
      subscriptionOf(input),
      (expired) => this.removeMember(expired),
      this.timings.clock,
    );
    if (this.members.size === 0) {
      this.groupProtocolType = input.protocolType;
    }
    this.members.set(memberId, member);
    this.trackStaticMember(member);
    this.leaderId ??= memberId;
    if (this.initialDelay) {
      this.initialDelay.newMembersJoined = true;
    }
    member.touch();
    const response = member.awaitJoin(ErrorCode.REBALANCE_IN_PROGRESS);
    this.prepareRebalanceOrTryComplete();
    return response;
  }

  private updateMemberAndRebalance(
    member: GroupMember,
    input: JoinGroupInput,
  ): Promise<JoinGroupResult> {
    member.update(subscriptionOf(input));
    if (this.members.size === 1) {
      this.groupProtocolType = input.protocolType;
    }
    member.touch();
    const response = member.awaitJoin(ErrorCode.REBALANCE_IN_PROGRESS);
    this.prepareRebalanceOrTryComplete();
    return response;
  }

  private removeMember(member: GroupMember): void {
    member.failJoin(ErrorCode.UNKNOWN_MEMBER_ID);
    member.completeSync(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    this.forgetMember(member);
    if (this.leaderId === member.memberId) {
      this.leaderId = this.members.keys().next().value ?? null;
    }
    if (this.currentState !== 'Empty') {
      this.prepareRebalanceOrTryComplete();
    }
  }

  private addPendingMember(memberId: string, sessionTimeoutMs: number): void {
    const timer = this.timings.clock.setTimeout(() => {
      this.pendingMembers.delete(memberId);
      this.tryCompleteJoin();
    }, sessionTimeoutMs);
    this.pendingMembers.set(memberId, timer);
  }

  private prepareRebalanceOrTryComplete(): void {
    if (this.currentState === 'PreparingRebalance') {
      this.tryCompleteJoin();
      return;
    }
    if (this.currentState === 'CompletingRebalance') {
      // The assignment being synced is for a membership that no longer exists.
      for (const member of this.members.values()) {
        member.assignment = Buffer.alloc(0);
        member.completeSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      }
    }
    const wasEmpty = this.currentState === 'Empty';
    this.currentState = 'PreparingRebalance';
    if (wasEmpty && this.timings.initialRebalanceDelayMs > 0) {
      this.initialDelay = { budgetMs: this.rebalanceTimeoutMs(), newMembersJoined: false };
      this.scheduleInitialDelay();
      return;
    }
    this.rebalanceTimer = this.timings.clock.setTimeout(
      () => this.completeJoin(),
      this.rebalanceTimeoutMs(),
    );
    this.tryCompleteJoin();
  }

  /**
   * Kafka's initial rebalance delay: a group that was empty waits a little for more members
   * (consumers of one service usually start together), for as long as new ones keep coming,
   * within the rebalance timeout.
   */
  private scheduleInitialDelay(): void {
    const delay = this.initialDelay;
    if (!delay) {
      return;
    }
    const waitMs = Math.min(this.timings.initialRebalanceDelayMs, delay.budgetMs);
    delay.budgetMs -= waitMs;
    delay.newMembersJoined = false;
    this.rebalanceTimer = this.timings.clock.setTimeout(() => {
      this.rebalanceTimer = null;
      if (delay.newMembersJoined && delay.budgetMs > 0) {
        this.scheduleInitialDelay();
      } else {
        this.completeJoin();
      }
    }, waitMs);
  }

  private tryCompleteJoin(): void {
    if (this.currentState !== 'PreparingRebalance' || this.initialDelay) {
      return;
    }
    const everyoneJoined = [...this.members.values()].every((member) => member.isAwaitingJoin);
    if (everyoneJoined && this.pendingMembers.size === 0) {
      this.completeJoin();
    }
  }

  /** Ends the join phase: drops members that did not rejoin and opens the next generation. */
  private completeJoin(): void {
    this.clearRebalanceTimer();
    this.initialDelay = null;
    for (const member of [...this.members.values()]) {
      if (!member.isAwaitingJoin) {
        this.forgetMember(member);
      }
    }
    this.generation += 1;
    if (this.members.size === 0) {
      this.currentState = 'Empty';
      this.protocolName = '';
      this.leaderId = null;
      return;
    }
    if (this.leaderId === null || !this.members.has(this.leaderId)) {
      this.leaderId = this.members.keys().next().value ?? null;
    }
    // Every member passed supportsProtocols() on join, so they share at least one protocol.
    this.protocolName = selectProtocol([...this.members.values()]) ?? '';
    this.currentState = 'CompletingRebalance';
    for (const member of this.members.values()) {
      member.touch();
      member.completeJoin(this.joinResult(member));
    }
  }

  private installAssignments(assignments: SyncGroupInput['assignments']): void {
    const byMember = new Map(assignments.map((entry) => [entry.memberId, entry.assignment]));
    for (const member of this.members.values()) {
      member.assignment = byMember.get(member.memberId) ?? Buffer.alloc(0);
    }
    this.currentState = 'Stable';
    for (const member of this.members.values()) {
      member.completeSync({ errorCode: ErrorCode.NONE, assignment: member.assignment });
    }
  }

  private joinResult(member: GroupMember): JoinGroupResult {
    const isLeader = member.memberId === this.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generation,
      protocolName: this.protocolName,
      leader: this.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader
        ? [...this.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: m.metadataFor(this.protocolName),
          }))
        : [],
    };
  }

  /**
   * Kafka's check on every join: an empty group takes any non-empty protocol type; otherwise
   * the type must match and the member must support a protocol all other members support.
   */
  private supportsProtocols(
    protocolType: string,
    protocols: MemberProtocol[],
    joining?: GroupMember,
  ): boolean {
    if (protocolType === '' || protocols.length === 0) {
      return false;
    }
    const others = [...this.members.values()].filter((member) => member !== joining);
    if (others.length === 0) {
      return true;
    }
    if (protocolType !== this.groupProtocolType) {
      return false;
    }
    const shared = new Set(commonProtocols(others));
    return protocols.some((protocol) => shared.has(protocol.name));
  }

  private rebalanceTimeoutMs(): number {
    return Math.max(0, ...[...this.members.values()].map((member) => member.rebalanceTimeoutMs));
  }

  private clearRebalanceTimer(): void {
    if (this.rebalanceTimer !== null) {
      this.timings.clock.clearTimeout(this.rebalanceTimer);
      this.rebalanceTimer = null;
    }
  }
}

function subscriptionOf(input: JoinGroupInput): MemberSubscription {
  return {
    clientId: input.clientId,
    clientHost: input.clientHost,
    sessionTimeoutMs: input.sessionTimeoutMs,
    // JoinGroup v0 has no rebalance timeout: Kafka uses the session timeout.
    rebalanceTimeoutMs:
      input.rebalanceTimeoutMs >= 0 ? input.rebalanceTimeoutMs : input.sessionTimeoutMs,
    groupInstanceId: input.groupInstanceId,
    protocols: input.protocols,
  };
}

function rejectJoin(memberId: string, errorCode: ErrorCode): Promise<JoinGroupResult> {
  return Promise.resolve(joinError(memberId, errorCode));
}

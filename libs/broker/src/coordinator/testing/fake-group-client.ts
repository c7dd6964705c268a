import { ErrorCode } from '../../protocol/error-codes';
import type {
  GroupCoordinator,
  JoinGroupInput,
  JoinGroupResult,
  SyncGroupResult,
} from '../group-coordinator';
import type { ManualClock } from './manual-clock';

export interface FakeGroupClientOptions {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** Partitions of the one subscribed topic the leader spreads over the members. */
  partitions: number;
  protocols?: string[];
  /** A static member's group.instance.id (KIP-345); none by default. */
  groupInstanceId?: string;
}

/**
 * Drives the coordinator the way kafkajs does (JoinGroup v5, SyncGroup, Heartbeat), without
 * sockets. As leader it assigns partitions round-robin; assignments travel as JSON.
 */
export class FakeGroupClient {
  memberId = '';
  generationId = -1;
  assignment: number[] = [];
  /** Generation of the assignment held; -1 before the first successful SyncGroup. */
  assignedGeneration = -1;
  lastJoin: JoinGroupResult | undefined;

  constructor(
    private readonly coordinator: GroupCoordinator,
    readonly clientId: string,
    private readonly options: FakeGroupClientOptions,
  ) {}

  /** The last successful JoinGroup response. */
  get joined(): JoinGroupResult {
    if (!this.lastJoin) {
      throw new Error(`${this.clientId} has not joined`);
    }
    return this.lastJoin;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get groupInstanceId(): string | null {
    return this.options.groupInstanceId ?? null;
  }

  joinInput(): JoinGroupInput {
    const {
      groupId,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      protocols = ['roundrobin'],
    } = this.options;
    return {
      groupId,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      memberId: this.memberId,
      groupInstanceId: this.groupInstanceId,
      protocolType: 'consumer',
      protocols: protocols.map((name) => ({
        name,
        metadata: Buffer.from(`${this.clientId}:${name}`),
      })),
      clientId: this.clientId,
      clientHost: '/127.0.0.1',
      requireKnownMemberId: true,
    };
  }

  /** A JoinGroup, repeated once with the given id when the coordinator requires one. */
  async join(): Promise<JoinGroupResult> {
    let result = await this.coordinator.joinGroup(this.joinInput());
    if (result.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
      this.memberId = result.memberId;
      result = await this.coordinator.joinGroup(this.joinInput());
    }
    if (result.errorCode === ErrorCode.NONE) {
      this.memberId = result.memberId;
      this.generationId = result.generationId;
      this.lastJoin = result;
    }
    return result;
  }

  async sync(): Promise<SyncGroupResult> {
    const join = this.lastJoin;
    const isLeader = join !== undefined && join.leader === this.memberId;
    const assignments = isLeader ? this.assign(join.members.map((m) => m.memberId)) : [];
    const result = await this.coordinator.syncGroup({
      groupId: this.groupId,
      generationId: this.generationId,
      memberId: this.memberId,
      groupInstanceId: this.groupInstanceId,
      assignments,
    });
    if (result.errorCode === ErrorCode.NONE) {
      this.assignment = JSON.parse(result.assignment.toString() || '[]') as number[];
      this.assignedGeneration = this.generationId;
    }
    return result;
  }

  async joinAndSync(): Promise<void> {
    const join = await this.join();
    if (join.errorCode !== ErrorCode.NONE) {
      throw new Error(`${this.clientId}: JoinGroup failed with ${join.errorCode}`);
    }
    const sync = await this.sync();
    if (sync.errorCode !== ErrorCode.NONE) {
      throw new Error(`${this.clientId}: SyncGroup failed with ${sync.errorCode}`);
    }
  }

  heartbeat(): number {
    return this.coordinator.heartbeat(
      this.groupId,
      this.generationId,
      this.memberId,
      this.groupInstanceId,
    );
  }

  leave(): number {
    return this.coordinator.leaveGroup(this.groupId, [
      { memberId: this.memberId, groupInstanceId: this.groupInstanceId },
    ]).members[0].errorCode;
  }

  private assign(memberIds: string[]): { memberId: string; assignment: Buffer }[] {
    const sorted = [...memberIds].sort();
    return sorted.map((memberId, index) => {
      const owned: number[] = [];
      for (let p = index; p < this.options.partitions; p += sorted.length) {
        owned.push(p);
      }
      return { memberId, assignment: Buffer.from(JSON.stringify(owned)) };
    });
  }
}

/**
 * Heartbeats every `intervalMs` of clock time, as a consumer does, until the coordinator answers
 * `expected`; other members' sessions run out meanwhile. Fails after `limitMs` of clock time.
 */
export async function heartbeatUntil(
  client: FakeGroupClient,
  expected: number,
  clock: ManualClock,
  { intervalMs = 20, limitMs = 5_000 } = {},
): Promise<void> {
  const deadline = clock.now() + limitMs;
  for (;;) {
    const error = client.heartbeat();
    if (error === expected) {
      return;
    }
    if (clock.now() > deadline) {
      throw new Error(`${client.clientId}: heartbeat still answers ${error}, not ${expected}`);
    }
    clock.advance(intervalMs);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Every partition owned by exactly one of the clients. */
export function ownership(clients: FakeGroupClient[]): Map<number, string[]> {
  const owners = new Map<number, string[]>();
  for (const client of clients) {
    for (const partition of client.assignment) {
      owners.set(partition, [...(owners.get(partition) ?? []), client.clientId]);
    }
  }
  return owners;
}

import type { ErrorCode } from '../protocol/error-codes';
import type { Clock, TimerHandle } from './clock';
import { joinError, syncError } from './error-results';
import type { JoinGroupResult, SyncGroupResult } from './group-coordinator';

export interface MemberProtocol {
  name: string;
  metadata: Buffer;
}

/** What a JoinGroup request says about the member sending it. */
export interface MemberSubscription {
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  groupInstanceId: string | null;
  protocols: MemberProtocol[];
}

/**
 * One member of a classic group: its subscription, its assignment, the JoinGroup/SyncGroup
 * response it is waiting for (if any) and its session deadline.
 */
export class GroupMember {
  assignment: Buffer = Buffer.alloc(0);
  private subscription: MemberSubscription;
  private pendingJoin: ((result: JoinGroupResult) => void) | null = null;
  private pendingSync: ((result: SyncGroupResult) => void) | null = null;
  private sessionTimer: TimerHandle | null = null;

  constructor(
    readonly memberId: string,
    subscription: MemberSubscription,
    private readonly onSessionExpired: (member: GroupMember) => void,
    private readonly clock: Clock,
  ) {
    this.subscription = subscription;
  }

  get clientId(): string {
    return this.subscription.clientId;
  }

  get clientHost(): string {
    return this.subscription.clientHost;
  }

  get groupInstanceId(): string | null {
    return this.subscription.groupInstanceId;
  }

  get rebalanceTimeoutMs(): number {
    return this.subscription.rebalanceTimeoutMs;
  }

  get protocols(): readonly MemberProtocol[] {
    return this.subscription.protocols;
  }

  get isAwaitingJoin(): boolean {
    return this.pendingJoin !== null;
  }

  get isAwaitingSync(): boolean {
    return this.pendingSync !== null;
  }

  update(subscription: MemberSubscription): void {
    this.subscription = subscription;
  }

  supports(protocolName: string): boolean {
    return this.protocols.some((protocol) => protocol.name === protocolName);
  }

  /** True when a rejoin carries exactly the protocols (names and metadata) already known. */
  hasSameProtocols(protocols: MemberProtocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every(
        (protocol, i) =>
          protocol.name === this.protocols[i].name &&
          protocol.metadata.equals(this.protocols[i].metadata),
      )
    );
  }

  metadataFor(protocolName: string): Buffer {
    return (
      this.protocols.find((protocol) => protocol.name === protocolName)?.metadata ?? Buffer.alloc(0)
    );
  }

  /** Holds the member's JoinGroup response; a superseded held response is told to rejoin. */
  awaitJoin(supersededError: ErrorCode): Promise<JoinGroupResult> {
    this.pendingJoin?.(joinError(this.memberId, supersededError));
    return new Promise((resolve) => (this.pendingJoin = resolve));
  }

  completeJoin(result: JoinGroupResult): void {
    const resolve = this.pendingJoin;
    this.pendingJoin = null;
    resolve?.(result);
  }

  failJoin(errorCode: ErrorCode): void {
    this.completeJoin(joinError(this.memberId, errorCode));
  }

  awaitSync(supersededError: ErrorCode): Promise<SyncGroupResult> {
    this.pendingSync?.(syncError(supersededError));
    return new Promise((resolve) => (this.pendingSync = resolve));
  }

  completeSync(result: SyncGroupResult): void {
    const resolve = this.pendingSync;
    this.pendingSync = null;
    resolve?.(result);
  }

  /** (Re)starts the session deadline: any join, sync or heartbeat proves the member is alive. */
  touch(): void {
    this.stopSessionTimer();
    this.sessionTimer = this.clock.setTimeout(() => {
      this.sessionTimer = null;
      // Like Kafka, a member whose join or sync response is being held is never expired: the
      // rebalance timeout bounds that wait instead.
      if (this.isAwaitingJoin || this.isAwaitingSync) {
        this.touch();
      } else {
        this.onSessionExpired(this);
      }
    }, this.subscription.sessionTimeoutMs);
  }

  stopSessionTimer(): void {
    if (this.sessionTimer !== null) {
      this.clock.clearTimeout(this.sessionTimer);
      this.sessionTimer = null;
    }
  }
}

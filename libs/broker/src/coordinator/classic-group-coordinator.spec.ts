import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../protocol/error-codes';
import {
  ClassicGroupCoordinator,
  type ClassicGroupCoordinatorOptions,
} from './classic-group-coordinator';
import {
  FakeGroupClient,
  heartbeatUntil,
  ownership,
  type FakeGroupClientOptions,
} from './testing/fake-group-client';
import { ManualClock } from './testing/manual-clock';

const GROUP = 'orders-service';
const PARTITIONS = 6;

/** The coordinator's time: sessions and rebalances expire only when a test moves it. */
let clock: ManualClock;

describe('ClassicGroupCoordinator: membership', () => {
  let dataDir: string;
  let coordinator: ClassicGroupCoordinator;

  async function openCoordinator(options: Partial<ClassicGroupCoordinatorOptions> = {}) {
    coordinator = await ClassicGroupCoordinator.open({
      dataDir,
      fsync: 'never',
      minSessionTimeoutMs: 10,
      initialRebalanceDelayMs: 0,
      clock,
      ...options,
    });
  }

  /** Replaces the coordinator of `beforeEach` with one opened on the same data with other options. */
  async function reopenCoordinator(options: Partial<ClassicGroupCoordinatorOptions>) {
    await coordinator.close();
    await openCoordinator(options);
  }

  function client(clientId: string, options: Partial<FakeGroupClientOptions> = {}) {
    return new FakeGroupClient(coordinator, clientId, {
      groupId: GROUP,
      sessionTimeoutMs: 2_000,
      rebalanceTimeoutMs: 2_000,
      partitions: PARTITIONS,
      ...options,
    });
  }

  /** Resolves true when the promise settles within a few event-loop turns. */
  async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
    let settled = false;
    void promise.then(() => (settled = true));
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    return settled;
  }

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'coordinator-'));
    clock = new ManualClock();
    await openCoordinator();
  });

  afterEach(async () => {
    await coordinator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('requires a member id on a v4+ first join, then makes the joiner the leader of generation 1', async () => {
    const first = await coordinator.joinGroup(client('orders').joinInput());
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    expect(first.memberId).toMatch(/^orders-[0-9a-f-]{36}$/);
    expect(coordinator.describeGroup(GROUP).members).toEqual([]);

    const second = await coordinator.joinGroup({
      ...client('orders').joinInput(),
      memberId: first.memberId,
    });
    expect(second).toMatchObject({
      errorCode: ErrorCode.NONE,
      generationId: 1,
      memberId: first.memberId,
      leader: first.memberId,
      protocolName: 'roundrobin',
    });
    expect(second.members).toEqual([
      {
        memberId: first.memberId,
        groupInstanceId: null,
        metadata: Buffer.from('orders:roundrobin'),
      },
    ]);
    expect(coordinator.describeGroup(GROUP).state).toBe('CompletingRebalance');
  });

  it('adds a member directly when the client does not require a known member id (v0-3)', async () => {
    const result = await coordinator.joinGroup({
      ...client('old').joinInput(),
      requireKnownMemberId: false,
    });
    expect(result).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1 });
    expect(result.memberId).toMatch(/^old-/);
  });

  it('forgets a member id it handed out when the member never comes back', async () => {
    const silent = client('silent', { sessionTimeoutMs: 100 });
    const first = await coordinator.joinGroup(silent.joinInput());
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    // The id is held for one session timeout, no longer.
    expect(clock.pendingTimers).toBe(1);
    clock.advance(100);
    expect(clock.pendingTimers).toBe(0);
    silent.memberId = first.memberId;
    expect((await coordinator.joinGroup(silent.joinInput())).errorCode).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
  });

  it('rejects a join with a member id the group does not know', async () => {
    const stranger = client('stranger');
    stranger.memberId = 'stranger-0000';
    expect((await coordinator.joinGroup(stranger.joinInput())).errorCode).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
    await client('a').joinAndSync();
    expect((await coordinator.joinGroup(stranger.joinInput())).errorCode).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
  });

  it('rejects session timeouts outside the configured bounds', async () => {
    // Kafka's defaults: group.min.session.timeout.ms 6 s, group.max.session.timeout.ms 30 min.
    await coordinator.close();
    coordinator = await ClassicGroupCoordinator.open({ dataDir, fsync: 'never', clock });
    for (const sessionTimeoutMs of [5_999, 1_800_001]) {
      const result = await coordinator.joinGroup({ ...client('a').joinInput(), sessionTimeoutMs });
      expect(result.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    }
    const kafkajsDefault = await coordinator.joinGroup({
      ...client('a').joinInput(),
      sessionTimeoutMs: 30_000,
    });
    expect(kafkajsDefault.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  });

  it('grows from 2 to 3 members and shrinks back, one generation per rebalance, leader kept', async () => {
    await reopenCoordinator({ initialRebalanceDelayMs: 50 });
    const a = client('a');
    const b = client('b');
    await clock.advanceUntilSettled(Promise.all([a.joinAndSync(), b.joinAndSync()]));
    expect(a.generationId).toBe(1);
    expect(b.generationId).toBe(1);
    const leader = a.joined.leader;
    expect(b.joined.leader).toBe(leader);
    const [leaderClient, follower] = leaderFirst(a, b);
    expect(leaderClient.joined.members.map((m) => m.memberId).sort()).toEqual(
      [a.memberId, b.memberId].sort(),
    );
    expect(follower.joined.members).toEqual([]);
    expectEachPartitionOwnedOnce([a, b]);
    expect(coordinator.describeGroup(GROUP).state).toBe('Stable');

    // A third member: its join is held until the others rejoin, which their heartbeat tells them.
    const c = client('c');
    const cJoined = c.joinAndSync();
    await heartbeatUntil(a, ErrorCode.REBALANCE_IN_PROGRESS, clock);
    expect(b.heartbeat()).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(coordinator.describeGroup(GROUP).state).toBe('PreparingRebalance');
    await Promise.all([a.joinAndSync(), b.joinAndSync(), cJoined]);
    for (const member of [a, b, c]) {
      expect(member.generationId).toBe(2);
      expect(member.joined.leader).toBe(leader);
    }
    expect(leaderClient.joined.members).toHaveLength(3);
    expectEachPartitionOwnedOnce([a, b, c]);

    // The third leaves: the remaining two rebalance into generation 3.
    expect(c.leave()).toBe(ErrorCode.NONE);
    await rejoinOnRebalance([a, b]);
    expect([a.generationId, b.generationId]).toEqual([3, 3]);
    expect(a.joined.leader).toBe(leader);
    expectEachPartitionOwnedOnce([a, b]);
    expect(c.heartbeat()).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('passes leadership on when the leader leaves', async () => {
    const a = client('a');
    await a.joinAndSync();
    const b = client('b');
    const bJoined = b.joinAndSync();
    await rejoinOnRebalance([a], bJoined);
    expect(b.joined.leader).toBe(a.memberId);

    expect(a.leave()).toBe(ErrorCode.NONE);
    await rejoinOnRebalance([b]);
    expect(b.lastJoin).toMatchObject({ leader: b.memberId, generationId: 3 });
    expect(b.assignment).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('holds followers’ SyncGroup until the leader’s arrives', async () => {
    await reopenCoordinator({ initialRebalanceDelayMs: 50 });
    const a = client('a');
    const b = client('b');
    await clock.advanceUntilSettled(Promise.all([a.join(), b.join()]));
    const [leader, follower] = leaderFirst(a, b);

    const followerSync = follower.sync();
    expect(await settlesSoon(followerSync)).toBe(false);
    expect(follower.heartbeat()).toBe(ErrorCode.NONE);
    await leader.sync();
    expect((await followerSync).errorCode).toBe(ErrorCode.NONE);
    expectEachPartitionOwnedOnce([a, b]);
    // A late SyncGroup in Stable gets the stored assignment.
    expect((await follower.sync()).errorCode).toBe(ErrorCode.NONE);
    expect(follower.assignment).toHaveLength(PARTITIONS / 2);
  });

  it('tells waiting followers to rejoin when the leader leaves before syncing', async () => {
    await reopenCoordinator({ initialRebalanceDelayMs: 50 });
    const a = client('a');
    const b = client('b');
    await clock.advanceUntilSettled(Promise.all([a.join(), b.join()]));
    const [leader, follower] = leaderFirst(a, b);
    const followerSync = follower.sync();
    expect(leader.leave()).toBe(ErrorCode.NONE);
    expect((await followerSync).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    // It rejoins and, alone now, leads generation 2.
    await follower.joinAndSync();
    expect(follower.lastJoin).toMatchObject({ generationId: 2, leader: follower.memberId });
  });

  it('rejects SyncGroup from unknown members, stale generations and during a join phase', async () => {
    const a = client('a');
    await a.joinAndSync();
    const b = client('b');
    const bJoined = b.join();
    await heartbeatUntil(a, ErrorCode.REBALANCE_IN_PROGRESS, clock);
    expect((await a.sync()).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    await Promise.all([a.join(), bJoined]);
    const stale = await coordinator.syncGroup({
      groupId: GROUP,
      generationId: 1,
      memberId: a.memberId,
      groupInstanceId: null,
      assignments: [],
    });
    expect(stale.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    const unknown = await coordinator.syncGroup({
      groupId: GROUP,
      generationId: 2,
      memberId: 'nobody',
      groupInstanceId: null,
      assignments: [],
    });
    expect(unknown.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('removes a member whose session expires and rebalances the others', async () => {
    const steady = client('steady', { sessionTimeoutMs: 300 });
    const silent = client('silent', { sessionTimeoutMs: 300 });
    await steady.joinAndSync();
    const silentJoined = silent.joinAndSync();
    await rejoinOnRebalance([steady], silentJoined);
    expectEachPartitionOwnedOnce([steady, silent]);

    // `silent` stops heartbeating: after its session timeout the steady one is told to rejoin.
    await rejoinOnRebalance([steady]);
    expect(steady.generationId).toBe(3);
    expect(steady.assignment).toEqual([0, 1, 2, 3, 4, 5]);
    expect(silent.heartbeat()).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(coordinator.describeGroup(GROUP).members.map((m) => m.clientId)).toEqual(['steady']);
  });

  it('drops members that do not rejoin within the rebalance timeout; no stale owner remains', async () => {
    const clients = ['a', 'b', 'c'].map((id) =>
      client(id, { sessionTimeoutMs: 5_000, rebalanceTimeoutMs: 300 }),
    );
    const [a, b, c] = clients;
    await a.joinAndSync();
    const others = Promise.all([b.joinAndSync(), c.joinAndSync()]);
    await rejoinOnRebalance([a], others);
    expectEachPartitionOwnedOnce(clients);
    const staleGeneration = c.generationId;

    // A newcomer triggers a rebalance; c keeps consuming instead of rejoining.
    const d = client('d', { sessionTimeoutMs: 5_000, rebalanceTimeoutMs: 300 });
    const dJoined = d.joinAndSync();
    await rejoinOnRebalance([a, b], dJoined);
    expect([a, b, d].map((m) => m.generationId)).toEqual([
      staleGeneration + 1,
      staleGeneration + 1,
      staleGeneration + 1,
    ]);
    expectEachPartitionOwnedOnce([a, b, d]);
    // The coordinator no longer knows c: it can neither heartbeat nor commit.
    expect(c.heartbeat()).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const commit = await coordinator.commitOffsets({
      groupId: GROUP,
      generationId: staleGeneration,
      memberId: c.memberId,
      offsets: [{ topic: 'orders', partition: c.assignment[0], offset: 1, metadata: null }],
    });
    expect(commit[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('answers heartbeats by state: rebalancing, stale generation, unknown member or group', async () => {
    const a = client('a');
    await a.joinAndSync();
    expect(a.heartbeat()).toBe(ErrorCode.NONE);
    expect(coordinator.heartbeat(GROUP, a.generationId - 1, a.memberId, null)).toBe(
      ErrorCode.ILLEGAL_GENERATION,
    );
    expect(coordinator.heartbeat(GROUP, a.generationId, 'nobody', null)).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
    expect(coordinator.heartbeat('no-such-group', 1, a.memberId, null)).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
    expect(coordinator.heartbeat('', 1, a.memberId, null)).toBe(ErrorCode.INVALID_GROUP_ID);
    const b = client('b');
    const bJoined = b.join();
    await heartbeatUntil(a, ErrorCode.REBALANCE_IN_PROGRESS, clock);
    await Promise.all([a.join(), bJoined]);
    // Joined but not yet synced: heartbeats are fine (Kafka 2.x+).
    expect(a.heartbeat()).toBe(ErrorCode.NONE);
  });

  it('answers a follower rejoining a stable group unchanged with the current generation', async () => {
    const a = client('a');
    const b = client('b');
    await a.joinAndSync();
    const bJoined = b.joinAndSync();
    await rejoinOnRebalance([a], bJoined);
    const again = await b.join();
    expect(again).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, members: [] });
    expect(coordinator.describeGroup(GROUP).state).toBe('Stable');
  });

  it('answers a held join when its member leaves, and completes the rebalance without it', async () => {
    const a = client('a');
    await a.joinAndSync();
    const b = client('b');
    const bJoined = b.join();
    await heartbeatUntil(a, ErrorCode.REBALANCE_IN_PROGRESS, clock);
    expect(await settlesSoon(bJoined)).toBe(false);
    expect(b.leave()).toBe(ErrorCode.NONE);
    expect((await bJoined).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(a.heartbeat()).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(await a.join()).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2 });
    expect(a.joined.members.map((m) => m.memberId)).toEqual([a.memberId]);
  });

  it('handles LeaveGroup for several members and unknown ones', async () => {
    const a = client('a');
    await a.joinAndSync();
    const result = coordinator.leaveGroup(GROUP, [
      { memberId: a.memberId, groupInstanceId: null },
      { memberId: 'nobody', groupInstanceId: null },
    ]);
    expect(result).toEqual({
      errorCode: ErrorCode.NONE,
      members: [
        { memberId: a.memberId, errorCode: ErrorCode.NONE },
        { memberId: 'nobody', errorCode: ErrorCode.UNKNOWN_MEMBER_ID },
      ],
    });
    expect(coordinator.describeGroup(GROUP).state).toBe('Empty');
    expect(
      coordinator.leaveGroup('no-such-group', [{ memberId: 'x', groupInstanceId: null }]).members[0]
        .errorCode,
    ).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('chooses the protocol most members prefer among those all support', async () => {
    await reopenCoordinator({ initialRebalanceDelayMs: 50 });
    const members = [
      client('a', { protocols: ['range', 'roundrobin'] }),
      client('b', { protocols: ['roundrobin', 'range'] }),
      client('c', { protocols: ['sticky', 'roundrobin', 'range'] }),
    ];
    await clock.advanceUntilSettled(Promise.all(members.map((m) => m.join())));
    expect(members.map((m) => m.joined.protocolName)).toEqual([
      'roundrobin',
      'roundrobin',
      'roundrobin',
    ]);
    const [leader] = members.filter((m) => m.joined.leader === m.memberId);
    expect(leader.joined.members.map((m) => m.metadata.toString()).sort()).toEqual([
      'a:roundrobin',
      'b:roundrobin',
      'c:roundrobin',
    ]);
  });

  it('rejects a member that shares no protocol, or another protocol type, with the group', async () => {
    await client('a', { protocols: ['range'] }).joinAndSync();
    const other = await coordinator.joinGroup(
      client('b', { protocols: ['roundrobin'] }).joinInput(),
    );
    expect(other.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const connect = await coordinator.joinGroup({
      ...client('c', { protocols: ['range'] }).joinInput(),
      protocolType: 'connect',
    });
    expect(connect.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const none = await coordinator.joinGroup({
      ...client('d').joinInput(),
      groupId: 'fresh',
      protocols: [],
    });
    expect(none.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('describes and lists groups', async () => {
    const a = client('a');
    await a.joinAndSync();
    const description = coordinator.describeGroup(GROUP);
    expect(description).toEqual({
      errorCode: ErrorCode.NONE,
      groupId: GROUP,
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'roundrobin',
      members: [
        {
          memberId: a.memberId,
          clientId: 'a',
          clientHost: '/127.0.0.1',
          metadata: Buffer.from('a:roundrobin'),
          assignment: Buffer.from(JSON.stringify([0, 1, 2, 3, 4, 5])),
        },
      ],
    });
    expect(coordinator.describeGroup('unknown')).toMatchObject({
      errorCode: ErrorCode.NONE,
      state: 'Dead',
      members: [],
    });
    await coordinator.commitOffsets({
      groupId: 'standalone',
      generationId: -1,
      memberId: '',
      offsets: [{ topic: 't', partition: 0, offset: 3, metadata: null }],
    });
    expect(coordinator.listGroups()).toEqual(
      expect.arrayContaining([
        { groupId: GROUP, protocolType: 'consumer' },
        { groupId: 'standalone', protocolType: '' },
      ]),
    );
    expect(coordinator.describeGroup('standalone').state).toBe('Empty');
  });

  describe('static members (group.instance.id)', () => {
    const staticClient = (clientId: string, instance: string, options = {}) =>
      client(clientId, { groupInstanceId: instance, ...options });

    /** a (the leader) and b, both static, stable in generation 2. */
    async function stableStaticPair(): Promise<[FakeGroupClient, FakeGroupClient]> {
      const a = staticClient('a', 'instance-a');
      const b = staticClient('b', 'instance-b');
      await a.joinAndSync();
      await rejoinOnRebalance([a], b.joinAndSync());
      expect(coordinator.describeGroup(GROUP).state).toBe('Stable');
      return [a, b];
    }

    it('join without MEMBER_ID_REQUIRED, as Kafka lets static members do', async () => {
      const result = await coordinator.joinGroup(staticClient('a', 'instance-a').joinInput());
      expect(result).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1 });
      expect(result.members).toEqual([
        { memberId: result.memberId, groupInstanceId: 'instance-a', metadata: expect.any(Buffer) },
      ]);
    });

    it('take their assignment back on restart at once, with no rebalance; the old id is fenced', async () => {
      const [a, b] = await stableStaticPair();
      const generation = a.generationId;
      expect(a.joined.leader).toBe(a.memberId);

      // a restarts: a new process, same instance id, no member id, and no LeaveGroup before.
      const restarted = staticClient('a', 'instance-a');
      const joined = restarted.join();
      expect(await settlesSoon(joined)).toBe(true);
      expect(await joined).toMatchObject({
        errorCode: ErrorCode.NONE,
        generationId: generation,
        leader: restarted.memberId,
        members: [],
      });
      expect(restarted.memberId).not.toBe(a.memberId);
      expect((await restarted.sync()).errorCode).toBe(ErrorCode.NONE);
      expect(restarted.assignment).toEqual(a.assignment);

      // Nobody else noticed, and the group still has two members.
      expect(b.heartbeat()).toBe(ErrorCode.NONE);
      expect(restarted.heartbeat()).toBe(ErrorCode.NONE);
      expect(coordinator.describeGroup(GROUP)).toMatchObject({ state: 'Stable' });
      expect(
        coordinator
          .describeGroup(GROUP)
          .members.map((m) => m.memberId)
          .sort(),
      ).toEqual([b.memberId, restarted.memberId].sort());

      // The old process, if it still runs, is told it was replaced.
      expect(a.heartbeat()).toBe(ErrorCode.FENCED_INSTANCE_ID);
      expect((await a.sync()).errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
      expect((await coordinator.joinGroup(a.joinInput())).errorCode).toBe(
        ErrorCode.FENCED_INSTANCE_ID,
      );
    });

    it('rebalance when a restarted member comes back with other protocols', async () => {
      const [a, b] = await stableStaticPair();
      const changed = staticClient('a', 'instance-a', { protocols: ['roundrobin', 'range'] });
      const joined = changed.joinAndSync();
      await rejoinOnRebalance([b], joined);
      expect([changed.generationId, b.generationId]).toEqual([
        a.generationId + 1,
        a.generationId + 1,
      ]);
      expectEachPartitionOwnedOnce([changed, b]);
      expect(a.heartbeat()).toBe(ErrorCode.FENCED_INSTANCE_ID);
    });

    it('leave by instance id; a member id the instance no longer holds is fenced', async () => {
      const [a, b] = await stableStaticPair();
      const leave = (memberId: string, groupInstanceId: string) =>
        coordinator.leaveGroup(GROUP, [{ memberId, groupInstanceId }]).members[0]?.errorCode;
      expect(leave('stale-id', 'instance-b')).toBe(ErrorCode.FENCED_INSTANCE_ID);
      expect(leave('', 'no-such-instance')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
      // An admin removing a static member by its instance id alone, as kafka-consumer-groups does.
      expect(leave('', 'instance-b')).toBe(ErrorCode.NONE);
      await rejoinOnRebalance([a]);
      expect(coordinator.describeGroup(GROUP).members.map((m) => m.memberId)).toEqual([a.memberId]);
      expect(b.heartbeat()).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    });

    it('are forgotten when their session expires: the instance then joins as a new member', async () => {
      const steady = client('steady');
      const silent = staticClient('silent', 'instance-s', { sessionTimeoutMs: 300 });
      await steady.joinAndSync();
      await rejoinOnRebalance([steady], silent.joinAndSync());

      // `silent` stops heartbeating: after its session the steady one is told to rejoin.
      await rejoinOnRebalance([steady]);
      expect(coordinator.describeGroup(GROUP).members.map((m) => m.clientId)).toEqual(['steady']);
      expect(silent.heartbeat()).toBe(ErrorCode.UNKNOWN_MEMBER_ID);

      // Back, the instance has no place to take over: it joins, and the group rebalances.
      const again = staticClient('silent', 'instance-s');
      await rejoinOnRebalance([steady], again.joinAndSync());
      expect(again.generationId).toBe(silent.generationId + 2);
      expectEachPartitionOwnedOnce([steady, again]);
    });
  });

  it('answers held requests on close and refuses new ones', async () => {
    await reopenCoordinator({ initialRebalanceDelayMs: 10_000 });
    const held = client('a').join();
    await new Promise((resolve) => setImmediate(resolve));
    await coordinator.close();
    expect((await held).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect((await client('b').join()).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  });
});

/**
 * What a consumer does when a rebalance starts: the first of `members` heartbeats until told,
 * then all of them rejoin and sync, alongside the joins already under way.
 */
async function rejoinOnRebalance(
  members: FakeGroupClient[],
  ...joining: Promise<unknown>[]
): Promise<void> {
  await heartbeatUntil(members[0], ErrorCode.REBALANCE_IN_PROGRESS, clock);
  // Joins may wait for a rebalance timeout to drop members that never rejoin.
  await clock.advanceUntilSettled(
    Promise.all([...members.map((member) => member.joinAndSync()), ...joining]),
  );
}

/** The two members of a joined group, the leader first. */
function leaderFirst(a: FakeGroupClient, b: FakeGroupClient): [FakeGroupClient, FakeGroupClient] {
  return a.joined.leader === a.memberId ? [a, b] : [b, a];
}

function expectEachPartitionOwnedOnce(clients: FakeGroupClient[]): void {
  const owners = ownership(clients);
  expect([...owners.keys()].sort((x, y) => x - y)).toEqual(
    Array.from({ length: PARTITIONS }, (_, p) => p),
  );
  for (const [partition, owner] of owners) {
    expect({ partition, owners: owner.length }).toEqual({ partition, owners: 1 });
  }
  expect(new Set(clients.map((c) => c.generationId)).size).toBe(1);
}

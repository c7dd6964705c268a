import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../protocol/error-codes';
import { ClassicGroupCoordinator } from './classic-group-coordinator';
import type { CommitInput } from './group-coordinator';
import { FakeGroupClient, heartbeatUntil } from './testing/fake-group-client';
import { ManualClock } from './testing/manual-clock';

const GROUP = 'payments-service';

describe('ClassicGroupCoordinator: committed offsets', () => {
  let dataDir: string;
  let coordinator: ClassicGroupCoordinator;
  let clock: ManualClock;

  const open = () =>
    ClassicGroupCoordinator.open({
      dataDir,
      fsync: 'always',
      minSessionTimeoutMs: 10,
      initialRebalanceDelayMs: 0,
      clock,
    });

  const client = (clientId: string) =>
    new FakeGroupClient(coordinator, clientId, {
      groupId: GROUP,
      sessionTimeoutMs: 2_000,
      rebalanceTimeoutMs: 2_000,
      partitions: 3,
    });

  const commitAs = (member: FakeGroupClient | null, offset: number, partition = 0) => {
    const input: CommitInput = {
      groupId: GROUP,
      generationId: member ? member.generationId : -1,
      memberId: member ? member.memberId : '',
      offsets: [{ topic: 'payments', partition, offset, metadata: null }],
    };
    return coordinator.commitOffsets(input).then((result) => result[0].errorCode);
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'coordinator-offsets-'));
    clock = new ManualClock();
    coordinator = await open();
  });

  afterEach(async () => {
    await coordinator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('returns -1 for partitions never committed, and what a member committed', async () => {
    const a = client('a');
    await a.joinAndSync();
    const result = await coordinator.commitOffsets({
      groupId: GROUP,
      generationId: a.generationId,
      memberId: a.memberId,
      offsets: [
        { topic: 'payments', partition: 0, offset: 42, metadata: 'checkpoint' },
        { topic: 'payments', partition: 2, offset: 7, metadata: null },
      ],
    });
    expect(result.map((r) => r.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
    expect(coordinator.fetchOffsets(GROUP, [{ topic: 'payments', partitions: [0, 1, 2] }])).toEqual(
      [
        { topic: 'payments', partition: 0, offset: 42, metadata: 'checkpoint', errorCode: 0 },
        { topic: 'payments', partition: 1, offset: -1, metadata: '', errorCode: 0 },
        { topic: 'payments', partition: 2, offset: 7, metadata: '', errorCode: 0 },
      ],
    );
    expect(coordinator.fetchOffsets(GROUP, null)).toEqual([
      { topic: 'payments', partition: 0, offset: 42, metadata: 'checkpoint', errorCode: 0 },
      { topic: 'payments', partition: 2, offset: 7, metadata: '', errorCode: 0 },
    ]);
    expect(coordinator.fetchOffsets('other', null)).toEqual([]);
  });

  it('accepts a standalone commit only while the group has no members', async () => {
    expect(await commitAs(null, 5)).toBe(ErrorCode.NONE);
    const a = client('a');
    await a.joinAndSync();
    expect(await commitAs(null, 6)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(a.leave()).toBe(ErrorCode.NONE);
    expect(await commitAs(null, 7)).toBe(ErrorCode.NONE);
    expect(
      coordinator.fetchOffsets(GROUP, [{ topic: 'payments', partitions: [0] }])[0].offset,
    ).toBe(7);
  });

  it('rejects commits from unknown members and stale generations', async () => {
    const a = client('a');
    await a.joinAndSync();
    const stale = { ...a, generationId: a.generationId - 1 } as FakeGroupClient;
    expect(await commitAs(stale, 1)).toBe(ErrorCode.ILLEGAL_GENERATION);
    const stranger = { memberId: 'nobody', generationId: a.generationId } as FakeGroupClient;
    expect(await commitAs(stranger, 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const elsewhere = await coordinator.commitOffsets({
      groupId: 'no-such-group',
      generationId: 3,
      memberId: 'm',
      offsets: [{ topic: 'payments', partition: 0, offset: 1, metadata: null }],
    });
    expect(elsewhere[0].errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(coordinator.fetchOffsets(GROUP, null)).toEqual([]);
  });

  it('accepts commits of the current generation while rebalancing, rejects them before the new assignment', async () => {
    const a = client('a');
    await a.joinAndSync();
    const b = client('b');
    const bJoined = b.join();
    await heartbeatUntil(a, ErrorCode.REBALANCE_IN_PROGRESS, clock);
    // Kafka lets a member commit what it processed before it rejoins.
    expect(await commitAs(a, 10)).toBe(ErrorCode.NONE);
    await Promise.all([a.join(), bJoined]);
    expect(coordinator.describeGroup(GROUP).state).toBe('CompletingRebalance');
    expect(await commitAs(a, 11)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    await Promise.all([a.sync(), b.sync()]);
    expect(await commitAs(a, 12, a.assignment[0])).toBe(ErrorCode.NONE);
  });

  it('rejects metadata longer than offset.metadata.max.bytes, per partition', async () => {
    const result = await coordinator.commitOffsets({
      groupId: GROUP,
      generationId: -1,
      memberId: '',
      offsets: [
        { topic: 'payments', partition: 0, offset: 1, metadata: 'x'.repeat(4097) },
        { topic: 'payments', partition: 1, offset: 2, metadata: 'x'.repeat(4096) },
      ],
    });
    expect(result.map((r) => r.errorCode)).toEqual([
      ErrorCode.OFFSET_METADATA_TOO_LARGE,
      ErrorCode.NONE,
    ]);
    expect(coordinator.fetchOffsets(GROUP, null).map((o) => o.partition)).toEqual([1]);
  });

  it('keeps committed offsets across a restart, for a group without members', async () => {
    const a = client('a');
    await a.joinAndSync();
    expect(await commitAs(a, 100, 0)).toBe(ErrorCode.NONE);
    expect(await commitAs(a, 200, 1)).toBe(ErrorCode.NONE);
    expect(await commitAs(a, 101, 0)).toBe(ErrorCode.NONE);
    await coordinator.close();

    coordinator = await open();
    expect(coordinator.fetchOffsets(GROUP, [{ topic: 'payments', partitions: [0, 1, 2] }])).toEqual(
      [
        { topic: 'payments', partition: 0, offset: 101, metadata: '', errorCode: 0 },
        { topic: 'payments', partition: 1, offset: 200, metadata: '', errorCode: 0 },
        { topic: 'payments', partition: 2, offset: -1, metadata: '', errorCode: 0 },
      ],
    );
    expect(coordinator.describeGroup(GROUP)).toMatchObject({ state: 'Empty', members: [] });
    expect(coordinator.listGroups()).toEqual([{ groupId: GROUP, protocolType: '' }]);
    // The old member is gone: kafkajs rejoins on ILLEGAL_GENERATION, then gets a new id.
    expect(await commitAs(a, 102)).toBe(ErrorCode.ILLEGAL_GENERATION);
  });

  it('forgets the offsets of a deleted topic, durably', async () => {
    for (const topic of ['payments', 'refunds']) {
      await coordinator.commitOffsets({
        groupId: GROUP,
        generationId: -1,
        memberId: '',
        offsets: [{ topic, partition: 0, offset: 9, metadata: null }],
      });
    }
    await coordinator.deleteTopicOffsets('payments');
    expect(coordinator.fetchOffsets(GROUP, null).map((o) => o.topic)).toEqual(['refunds']);
    await coordinator.close();
    coordinator = await open();
    expect(coordinator.fetchOffsets(GROUP, null).map((o) => o.topic)).toEqual(['refunds']);
  });
});

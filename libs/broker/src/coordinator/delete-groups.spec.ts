import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../protocol/error-codes';
import { ClassicGroupCoordinator } from './classic-group-coordinator';
import { OFFSETS_DIR } from './offset-store';
import { FakeGroupClient } from './testing/fake-group-client';
import { ManualClock } from './testing/manual-clock';

const GROUP = 'billing-service';

describe('ClassicGroupCoordinator: deleting groups', () => {
  let dataDir: string;
  let coordinator: ClassicGroupCoordinator;

  const open = () =>
    ClassicGroupCoordinator.open({
      dataDir,
      fsync: 'always',
      minSessionTimeoutMs: 10,
      initialRebalanceDelayMs: 0,
      // Nothing here waits for a session or a rebalance to expire.
      clock: new ManualClock(),
    });

  const reopen = async () => {
    await coordinator.close();
    coordinator = await open();
  };

  const client = (clientId: string, groupId = GROUP) =>
    new FakeGroupClient(coordinator, clientId, {
      groupId,
      sessionTimeoutMs: 2_000,
      rebalanceTimeoutMs: 2_000,
      partitions: 2,
    });

  /** A standalone commit (generation -1), as an admin client or a manual consumer makes it. */
  const commit = async (groupId: string, offset: number, partition = 0) => {
    const [result] = await coordinator.commitOffsets({
      groupId,
      generationId: -1,
      memberId: '',
      offsets: [{ topic: 'invoices', partition, offset, metadata: null }],
    });
    expect(result?.errorCode).toBe(ErrorCode.NONE);
  };

  const committed = (groupId: string) =>
    coordinator
      .fetchOffsets(groupId, [{ topic: 'invoices', partitions: [0, 1] }])
      .map((o) => o.offset);

  const offsetsLog = () => readFile(path.join(dataDir, OFFSETS_DIR, 'offsets.jsonl'), 'utf8');

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'coordinator-delete-groups-'));
    coordinator = await open();
  });

  afterEach(async () => {
    await coordinator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('deletes a group whose members left, with its offsets, and keeps it deleted across a restart', async () => {
    const member = client('a');
    await member.joinAndSync();
    const [result] = await coordinator.commitOffsets({
      groupId: GROUP,
      generationId: member.generationId,
      memberId: member.memberId,
      offsets: [
        { topic: 'invoices', partition: 0, offset: 12, metadata: null },
        { topic: 'invoices', partition: 1, offset: 30, metadata: null },
      ],
    });
    expect(result?.errorCode).toBe(ErrorCode.NONE);
    await commit('other-service', 5);
    expect(member.leave()).toBe(ErrorCode.NONE);

    expect(await coordinator.deleteGroups([GROUP])).toEqual([
      { groupId: GROUP, errorCode: ErrorCode.NONE },
    ]);
    expect(committed(GROUP)).toEqual([-1, -1]);
    expect(coordinator.fetchOffsets(GROUP, null)).toEqual([]);
    expect(coordinator.listGroups()).toEqual([{ groupId: 'other-service', protocolType: '' }]);
    expect(coordinator.describeGroup(GROUP)).toMatchObject({ state: 'Dead', members: [] });
    // Deleted once: it is unknown now.
    expect(await coordinator.deleteGroups([GROUP])).toEqual([
      { groupId: GROUP, errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);

    await reopen();
    expect(committed(GROUP)).toEqual([-1, -1]);
    expect(coordinator.listGroups()).toEqual([{ groupId: 'other-service', protocolType: '' }]);
    expect(committed('other-service')).toEqual([5, -1]);
  });

  it('logs a tombstone that replay honours and compaction drops', async () => {
    await commit(GROUP, 7);
    await commit(GROUP, 8, 1);
    await coordinator.deleteGroups([GROUP]);
    // Committed again after the deletion: a new group that knows nothing of the old offsets.
    await commit(GROUP, 3, 1);
    await coordinator.close();
    const written = (await offsetsLog()).trim().split('\n');
    expect(written.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      'commit',
      'commit',
      'delete-group',
      'commit',
    ]);

    coordinator = await open();
    expect(committed(GROUP)).toEqual([-1, 3]);
    // Opening compacts the log: the tombstone and what it deleted are gone.
    expect((await offsetsLog()).trim().split('\n')).toEqual([
      JSON.stringify({
        type: 'commit',
        group: GROUP,
        offsets: [{ topic: 'invoices', partition: 1, offset: 3, metadata: '' }],
      }),
    ]);
  });

  it('deletes a group known only by its offsets after a restart', async () => {
    await commit(GROUP, 9);
    await reopen();
    expect(await coordinator.deleteGroups([GROUP])).toEqual([
      { groupId: GROUP, errorCode: ErrorCode.NONE },
    ]);
    await reopen();
    expect(committed(GROUP)).toEqual([-1, -1]);
    expect(coordinator.listGroups()).toEqual([]);
  });

  it('deletes an empty group that never committed, and a new member starts it afresh', async () => {
    const first = client('a');
    await first.joinAndSync();
    expect(first.leave()).toBe(ErrorCode.NONE);
    expect(coordinator.listGroups()).toEqual([{ groupId: GROUP, protocolType: 'consumer' }]);

    expect(await coordinator.deleteGroups([GROUP])).toEqual([
      { groupId: GROUP, errorCode: ErrorCode.NONE },
    ]);
    expect(coordinator.listGroups()).toEqual([]);

    const next = client('b');
    await next.joinAndSync();
    expect(next.generationId).toBe(1);
    expect(next.assignment).toEqual([0, 1]);
  });

  it('refuses a group with members and leaves it intact', async () => {
    const member = client('a');
    await member.joinAndSync();
    const [result] = await coordinator.commitOffsets({
      groupId: GROUP,
      generationId: member.generationId,
      memberId: member.memberId,
      offsets: [{ topic: 'invoices', partition: 0, offset: 4, metadata: null }],
    });
    expect(result?.errorCode).toBe(ErrorCode.NONE);

    expect(await coordinator.deleteGroups([GROUP])).toEqual([
      { groupId: GROUP, errorCode: ErrorCode.NON_EMPTY_GROUP },
    ]);
    expect(coordinator.describeGroup(GROUP)).toMatchObject({ state: 'Stable' });
    expect(coordinator.describeGroup(GROUP).members).toHaveLength(1);
    expect(member.heartbeat()).toBe(ErrorCode.NONE);
    expect(committed(GROUP)).toEqual([4, -1]);
    await reopen();
    expect(committed(GROUP)).toEqual([4, -1]);
  });

  it('answers each distinct group once, with its own error', async () => {
    await commit('known', 1);
    const busy = client('a', 'busy');
    await busy.joinAndSync();

    expect(await coordinator.deleteGroups(['known', 'busy', 'nowhere', '', 'known'])).toEqual([
      { groupId: 'known', errorCode: ErrorCode.NONE },
      { groupId: 'busy', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'nowhere', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
      { groupId: '', errorCode: ErrorCode.INVALID_GROUP_ID },
    ]);
    expect(coordinator.listGroups()).toEqual([{ groupId: 'busy', protocolType: 'consumer' }]);
  });

  it('answers COORDINATOR_NOT_AVAILABLE once closed', async () => {
    await commit(GROUP, 1);
    await coordinator.close();
    expect(await coordinator.deleteGroups([GROUP])).toEqual([
      { groupId: GROUP, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE },
    ]);
    coordinator = await open();
    expect(committed(GROUP)).toEqual([1, -1]);
  });
});

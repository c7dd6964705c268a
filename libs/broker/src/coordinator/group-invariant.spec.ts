import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ErrorCode } from '../protocol/error-codes';
import { ClassicGroupCoordinator } from './classic-group-coordinator';
import { FakeGroupClient, ownership } from './testing/fake-group-client';
import { ManualClock } from './testing/manual-clock';

const PARTITIONS = 5;

/** How often a consumer heartbeats, in the coordinator's (manual) time. */
const HEARTBEAT_INTERVAL_MS = 5;

/**
 * kafkajs's loop in miniature: heartbeat, and rejoin when told the group is rebalancing (or
 * that the member is unknown), until `settled()` holds. Between heartbeats the clock moves on,
 * so sessions (5 s here) would expire only if the group failed to settle for that long.
 */
async function consumeUntil(
  client: FakeGroupClient,
  clock: ManualClock,
  settled: () => boolean,
): Promise<void> {
  const deadline = clock.now() + 5_000;
  while (!settled()) {
    if (clock.now() > deadline) {
      throw new Error(`${client.clientId}: group did not settle`);
    }
    const heartbeat = client.memberId === '' ? ErrorCode.UNKNOWN_MEMBER_ID : client.heartbeat();
    if (heartbeat === ErrorCode.NONE) {
      clock.advance(HEARTBEAT_INTERVAL_MS);
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    if (heartbeat === ErrorCode.UNKNOWN_MEMBER_ID) {
      client.memberId = '';
    }
    const join = await client.join();
    if (join.errorCode === ErrorCode.NONE) {
      await client.sync();
    }
  }
}

describe('ClassicGroupCoordinator: ownership invariant', () => {
  it('gives every partition to exactly one member of the same generation, whatever joins, leaves or restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('join', 'join-static', 'leave', 'restart-static'), {
          minLength: 1,
          maxLength: 6,
        }),
        async (operations) => {
          const dataDir = await mkdtemp(path.join(tmpdir(), 'coordinator-invariant-'));
          const clock = new ManualClock();
          const coordinator = await ClassicGroupCoordinator.open({
            dataDir,
            fsync: 'never',
            minSessionTimeoutMs: 10,
            initialRebalanceDelayMs: 0,
            clock,
          });
          try {
            const live: FakeGroupClient[] = [];
            const gone: FakeGroupClient[] = [];
            let nextId = 0;
            const newClient = (groupInstanceId?: string) =>
              new FakeGroupClient(coordinator, `c${nextId++}`, {
                groupId: 'g',
                sessionTimeoutMs: 5_000,
                rebalanceTimeoutMs: 5_000,
                partitions: PARTITIONS,
                ...(groupInstanceId ? { groupInstanceId } : {}),
              });
            for (const operation of operations) {
              if (operation === 'join') {
                live.push(newClient());
              } else if (operation === 'join-static') {
                live.push(newClient(`instance-${nextId}`));
              } else if (operation === 'restart-static') {
                // A new process of a static member, with no LeaveGroup from the old one.
                const index = live.findIndex((client) => client.groupInstanceId !== null);
                const previous = live[index];
                if (previous?.groupInstanceId) {
                  live[index] = newClient(previous.groupInstanceId);
                  gone.push(previous);
                }
              } else if (live.length > 0) {
                const leaving = live.shift() as FakeGroupClient;
                expect(leaving.leave()).toBe(ErrorCode.NONE);
                gone.push(leaving);
              }
              const settled = () => {
                const description = coordinator.describeGroup('g');
                const generations = new Set(live.map((c) => c.assignedGeneration));
                const memberIds = (ids: string[]) => ids.sort().join();
                return (
                  live.length === 0 ||
                  (description.state === 'Stable' &&
                    // The members are these clients (a restarted one is the same count).
                    memberIds(description.members.map((m) => m.memberId)) ===
                      memberIds(live.map((c) => c.memberId)) &&
                    generations.size === 1 &&
                    live[0].assignedGeneration === live[0].generationId)
                );
              };
              await Promise.all(live.map((client) => consumeUntil(client, clock, settled)));

              if (live.length > 0) {
                const owners = ownership(live);
                expect([...owners.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
                expect([...owners.values()].every((o) => o.length === 1)).toBe(true);
              }
              // Left or replaced: never again a member (fenced while its instance is held).
              for (const client of gone) {
                expect([ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.FENCED_INSTANCE_ID]).toContain(
                  client.heartbeat(),
                );
              }
            }
          } finally {
            await coordinator.close();
            await rm(dataDir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

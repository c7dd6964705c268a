import { TOPIC_PARTITIONS } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { checkAssignment } from './assignment/partition-assignment';
import { InventoryFleet } from './fleet/inventory-fleet';
import { withScalingEnvironment } from './fleet/scaling-environment';
import { publishOrders } from './load/order-load';

/** The consumer's session timeout (libs/messaging kafkaMicroserviceOptions). */
const SESSION_TIMEOUT_MS = 30_000;
/** Time for the survivors to rejoin once the coordinator has expired the dead member. */
const REBALANCE_MARGIN_MS = 15_000;
/** Start-up of three service processes, the kill and the takeover: Jest's default 5 s won't do. */
const TEST_TIMEOUT_MS = 240_000;

describe('three inventory replicas in one consumer group', () => {
  it(
    'split the partitions without overlap or gap, and survive a SIGKILL without losing an event',
    async () => {
      await withScalingEnvironment(async (environment) => {
        const fleet = new InventoryFleet({ ...environment, workMs: 40 });
        try {
          await fleet.scaleTo(3);

          // 1. Each partition of `orders` belongs to exactly one replica, and each holds some.
          const { assignment } = await fleet.settledAssignment(60_000);
          expect(Object.keys(assignment)).toHaveLength(3);
          expect(checkAssignment(assignment, TOPIC_PARTITIONS)).toEqual({
            complete: true,
            gaps: [],
            overlaps: [],
          });

          // 2. A backlog (90 × 40 ms ≈ 1.2 s of work per replica), and one replica dies mid-way.
          const orderIds = await publishOrders([environment.brokers], 90);
          const victim = fleet.running()[1];
          if (!victim) throw new Error('no replica to kill');
          const orphaned = assignment[victim.instanceId] ?? [];
          await eventually(async () => (await fleet.processed()) >= 20, {
            timeoutMs: 30_000,
            intervalMs: 50,
            description: '20 orders processed',
          });
          await victim.kill();
          const killedAt = Date.now();

          // 3. The two survivors take over its partitions within the session timeout.
          const after = await fleet.settledAssignment(SESSION_TIMEOUT_MS + REBALANCE_MARGIN_MS);
          expect(Object.keys(after.assignment).sort()).toEqual(
            fleet
              .running()
              .map((replica) => replica.instanceId)
              .sort(),
          );
          expect(checkAssignment(after.assignment, TOPIC_PARTITIONS).complete).toBe(true);
          const heldNow = Object.values(after.assignment).flat();
          expect(heldNow).toEqual(expect.arrayContaining([...orphaned]));
          expect(Date.now() - killedAt).toBeLessThan(SESSION_TIMEOUT_MS + REBALANCE_MARGIN_MS);

          // 4. No event lost, none applied twice: exactly one reservation per order.
          const reservations = await eventually(
            async () => {
              const found = await fleet.reservations();
              return found.orders.size >= orderIds.length && found;
            },
            { timeoutMs: 60_000, intervalMs: 250 },
            // Short of them after a minute: the assertions below say which orders are missing.
          ).catch(() => fleet.reservations());
          expect([...reservations.orders].sort()).toEqual([...orderIds].sort());
          expect(reservations.rows).toBe(orderIds.length);
        } finally {
          await fleet.stop();
        }
      });
    },
    TEST_TIMEOUT_MS,
  );
});

import { TOPIC_PARTITIONS, Topics } from '@fanout/contracts';
import { eventually, readTopic } from '@fanout/testing';
import { describeAssignment } from './assignment/partition-assignment';
import { InventoryFleet } from './fleet/inventory-fleet';
import { withScalingEnvironment } from './fleet/scaling-environment';
import { publishOrders } from './load/order-load';
import { findOrderViolations } from './ordering/order-preservation';

/**
 * `npm run demo:scale`: the same burst of orders handled by 1, then 3 inventory replicas on the
 * embedded broker, each event costing INVENTORY_WORK_MS of simulated work. Prints how the group
 * split the partitions, the throughput of each run, and whether every partition's results kept
 * the order of its events (per-key order: all events of an order share its partition).
 *
 * DEMO_EVENTS (default 60), INVENTORY_WORK_MS (default 200), DEMO_REPLICAS (default "1,3"). The
 * work is a wait, not CPU, so the comparison holds on a busy two-core machine too.
 */

const EVENTS = Number(process.env['DEMO_EVENTS'] ?? 60);
const WORK_MS = Number(process.env['INVENTORY_WORK_MS'] ?? 200);
const REPLICA_COUNTS = (process.env['DEMO_REPLICAS'] ?? '1,3').split(',').map(Number);
const RUN_TIMEOUT_MS = 10 * 60_000;

interface RunResult {
  replicas: number;
  seconds: number;
  eventsPerSecond: number;
  orderKept: boolean;
}

async function run(replicas: number): Promise<RunResult> {
  return withScalingEnvironment(async (environment) => {
    const fleet = new InventoryFleet({ ...environment, workMs: WORK_MS });
    try {
      console.log(`\n── ${replicas} inventory replica${replicas === 1 ? '' : 's'} ──`);
      await fleet.scaleTo(replicas);
      const { assignment, ms } = await fleet.settledAssignment(120_000);
      console.log(`  group settled in ${(ms / 1000).toFixed(1)} s`);
      console.log(`  partitions of '${Topics.orders}': ${describeAssignment(assignment)}`);

      const started = Date.now();
      await publishOrders([environment.brokers], EVENTS);
      await eventually(async () => (await fleet.processed()) >= EVENTS, {
        timeoutMs: RUN_TIMEOUT_MS,
        description: `${EVENTS} events processed`,
      });
      const seconds = (Date.now() - started) / 1000;
      const operator = environment.issuer.headersFor(await environment.issuer.operatorToken());
      const perReplica = await Promise.all(
        fleet
          .running()
          .map(async (r) => `${r.instanceId}: ${(await r.status(operator)).events.processed}`),
      );
      const eventsPerSecond = EVENTS / seconds;
      console.log(
        `  ${EVENTS} events in ${seconds.toFixed(1)} s → ${eventsPerSecond.toFixed(1)} events/s` +
          `   (${perReplica.join(', ')})`,
      );

      const [inputs, outputs] = await Promise.all([
        readTopic([environment.brokers], Topics.orders, EVENTS, 60_000),
        readTopic([environment.brokers], Topics.inventory, EVENTS, 60_000),
      ]);
      const violations = findOrderViolations(inputs, outputs);
      console.log(
        violations.length === 0
          ? `  per-key order: kept on all ${TOPIC_PARTITIONS} partitions`
          : `  per-key order: BROKEN on partitions ${violations.map((v) => v.partition).join(', ')}`,
      );
      return { replicas, seconds, eventsPerSecond, orderKept: violations.length === 0 };
    } finally {
      await fleet.stop();
    }
  });
}

async function main(): Promise<number> {
  console.log(
    `Fanout scaling demo: inventory consumes '${Topics.orders}' (${TOPIC_PARTITIONS} partitions)` +
      ` in consumer group 'inventory'; ${EVENTS} orders, ${WORK_MS} ms of work per event.`,
  );
  const results: RunResult[] = [];
  for (const replicas of REPLICA_COUNTS) results.push(await run(replicas));

  const [baseline] = results;
  console.log('\nSummary');
  for (const result of results) {
    const speedup = baseline ? result.eventsPerSecond / baseline.eventsPerSecond : 1;
    console.log(
      `  ${result.replicas} replica(s): ${result.eventsPerSecond.toFixed(1)} events/s` +
        ` (${speedup.toFixed(2)}×), order ${result.orderKept ? 'kept' : 'BROKEN'}`,
    );
  }
  return results.every((result) => result.orderKept) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

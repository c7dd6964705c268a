import { randomUUID } from 'node:crypto';
import { deadLetterTopic, Topics } from '@fanout/contracts';
import { eventually } from '@fanout/testing';
import { FAILURE_SCENARIOS, type ServiceName } from '../support/fanout-system';
import { snapshotBusinessState, stockDiscrepancies } from './support/business-state';
import { awaitSettled } from './support/effects-audit';
import { recordFigures } from './support/figures';
import { OrderStream } from './support/order-load';
import { useFanoutSystem } from '../support/use-fanout-system';

jest.setTimeout(300_000);

const KILLS = 20;
/** How long a victim may take to pick up work before it is killed anyway. */
const KILL_INTERVAL_MS = 2_000;
const CONSUMERS: ServiceName[] = ['payments', 'inventory', 'notifications'];

describe('failure isolation: consumers crash', () => {
  const { system, probe } = useFanoutSystem(FAILURE_SCENARIOS);

  let orderIds: string[] = [];

  const processedCount = async (service: ServiceName) => {
    const [row] = await system().query<{ n: string }>(
      service,
      'SELECT count(*) AS n FROM processed_events',
    );
    return Number(row.n);
  };

  it(`applies every effect exactly once through ${KILLS} SIGKILLs under load`, async () => {
    const customerId = `consumer-crash-${randomUUID().slice(0, 8)}`;
    let midBatchKills = 0;
    const stream = new OrderStream(system().api, customerId, { intervalMs: 250 });
    for (let kill = 0; kill < KILLS; kill++) {
      const victim = CONSUMERS[kill % CONSUMERS.length];
      const before = await processedCount(victim);
      // Kill it as soon as it is working (mid-batch), or when its interval is up.
      const working = await eventually(
        async () => ((await processedCount(victim)) > before ? true : undefined),
        { timeoutMs: KILL_INTERVAL_MS, intervalMs: 20 },
      ).catch(() => false);
      if (working) midBatchKills++;
      await system().kill(victim);
      // Back at once, as a supervisor would restart it: it boots while the others are killed.
      system().launch(victim);
    }
    await stream.stop();
    const lastKillAt = Date.now();
    await Promise.all(CONSUMERS.map((name) => system().restart(name)));

    expect(stream.statuses.filter((status) => status !== 201)).toEqual([]);
    const { audit } = await awaitSettled(system(), stream.orderIds, 150_000);
    const drainMs = Date.now() - lastKillAt;
    const stock = await stockDiscrepancies(system());
    let deadLetters = 0;
    for (const topic of [Topics.orders, Topics.payments, Topics.inventory]) {
      deadLetters += (await probe().readAll(deadLetterTopic(topic))).length;
    }

    // The claim is about kills while a consumer is working (between its inbox insert and its
    // commit, or with a batch in hand), not only kills of idle processes.
    expect(midBatchKills).toBeGreaterThan(0);
    expect(audit.details).toEqual({ lost: [], duplicates: [] });
    expect(audit.pending).toBe(0);
    expect(stock).toEqual([]);
    expect(deadLetters).toBe(0);
    orderIds = stream.orderIds;
    recordFigures('consumer-sigkill-x20', {
      kills: KILLS,
      midBatchKills,
      orders: audit.orders,
      completed: audit.completed,
      cancelled: audit.cancelled,
      duplicateEffects: audit.duplicates,
      lostEvents: audit.lost,
      stockDiscrepancies: stock.length,
      deadLetters,
      drainAfterLastKillMs: drainMs,
    });
  });

  it('changes nothing when every consumer group is rewound to offset 0 and replays everything', async () => {
    expect(orderIds.length).toBeGreaterThan(0);
    const rewound: Array<{ group: ServiceName; topics: string[] }> = [
      { group: 'payments', topics: [Topics.orders] },
      { group: 'inventory', topics: [Topics.orders] },
      { group: 'notifications', topics: [Topics.orders] },
      { group: 'orders', topics: [Topics.payments, Topics.inventory] },
    ];
    // Settled orders are not the whole state: payments and inventory still apply each order's
    // OrderCompleted after orders has it. The state to compare is the one with every group caught up.
    const outboxEmpty = (service: ServiceName) =>
      eventually(
        async () => {
          const [row] = await system().query<{ n: string }>(
            service,
            'SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL',
          );
          return Number(row.n) === 0 ? true : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 200, description: `${service}'s outbox published` },
      );
    const caughtUp = async () => {
      await Promise.all(rewound.map(({ group }) => outboxEmpty(group)));
      await Promise.all(
        rewound.flatMap(({ group, topics }) =>
          topics.map((topic) =>
            eventually(async () => ((await probe().lag(group, topic)) === 0 ? true : undefined), {
              timeoutMs: 120_000,
              intervalMs: 500,
              description: `${group} caught up on ${topic}`,
            }),
          ),
        ),
      );
    };
    await caughtUp();
    const before = await snapshotBusinessState(system());
    const processedBefore = new Map<ServiceName, number>();
    let replayed = 0;
    const started = Date.now();
    for (const { group, topics } of rewound) {
      processedBefore.set(group, await processedCount(group));
      await system().service(group).stop(); // a graceful leave: the group is empty, offsets can move
      for (const topic of topics) await probe().rewind(group, topic);
      const lag = await Promise.all(topics.map((topic) => probe().lag(group, topic)));
      replayed += lag.reduce((sum, n) => sum + n, 0);
    }
    expect(replayed).toBeGreaterThan(0);
    await Promise.all(rewound.map(({ group }) => system().restart(group)));
    await caughtUp();
    const after = await snapshotBusinessState(system());

    expect(after).toEqual(before);
    for (const { group } of rewound) {
      // Every replayed event was recognised as already processed: nothing new recorded.
      expect(await processedCount(group)).toBe(processedBefore.get(group));
    }
    recordFigures('consumer-groups-rewound-to-0', {
      groups: rewound.length,
      orders: orderIds.length,
      eventsReplayed: replayed,
      businessRowsCompared: Object.values(after)
        .filter(Array.isArray)
        .reduce((sum, rows) => sum + (rows as unknown[]).length, 0),
      changedRows: 0,
      replayMs: Date.now() - started,
    });
  });
});

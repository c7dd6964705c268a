import { randomUUID } from 'node:crypto';
import { TOPIC_PARTITIONS, Topics } from '@fanout/contracts';
import { kafkajsSasl } from '@fanout/kafka-runner';
import { eventually } from '@fanout/testing';
import { brokerLabel } from '../support/test-broker';
import { awaitSettled } from '../failure/support/effects-audit';
import { recordFigures } from '../failure/support/figures';
import { OrderStream, payableOrder, placeOrder } from '../failure/support/order-load';
import { FAILURE_SCENARIOS } from '../support/fanout-system';
import { useFanoutSystem } from '../support/use-fanout-system';
import { describeGroup, type GroupDescription, splitProblem } from './support/group-members';
import { consumerStatus, InventoryReplicas } from './support/inventory-replicas';

jest.setTimeout(300_000);

const GROUP = 'inventory';
const ORDERS_AFTER_SCALING = 30;
const ORDERS_AFTER_SCALING_DOWN = 10;
/** A rebalance: the members rejoin on their next heartbeat, on a loaded 2-core machine. */
const REBALANCE_TIMEOUT_MS = 90_000;

/**
 * Scaling a service out and back in, as `docker compose up --scale inventory=3` does: the group
 * coordinator of the broker under test (E2E_BROKER) splits the six partitions of `orders` among
 * the instances and gives them back, while orders keep coming and every one of them takes effect
 * exactly once.
 */
describe(`scaling inventory in one consumer group (${brokerLabel()})`, () => {
  const { system } = useFanoutSystem(FAILURE_SCENARIOS);
  let replicas: InventoryReplicas | undefined;
  const customerId = `scaling-${randomUUID().slice(0, 8)}`;

  afterAll(() => replicas?.stop(), 60_000);

  /** Waits until the broker describes the group as `members` members splitting the partitions. */
  const settledGroup = (members: number): Promise<GroupDescription> => {
    let last = 'not described yet';
    return eventually(
      async () => {
        const group = await describeGroup(
          system().kafkaBrokers,
          GROUP,
          Topics.orders,
          kafkajsSasl(system().kafkaAuth.operator),
        );
        last = splitProblem(group, members, TOPIC_PARTITIONS) ?? '';
        return last ? undefined : group;
      },
      {
        timeoutMs: REBALANCE_TIMEOUT_MS,
        intervalMs: 500,
        description: `${members} member(s) of ${GROUP} splitting ${TOPIC_PARTITIONS} partitions`,
      },
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; last seen: ${last}`);
    });
  };

  it('one instance holds all six partitions of orders', async () => {
    const group = await settledGroup(1);
    expect(group.members[0]?.partitions).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('splits the partitions among three instances, two each, and completes every order placed during and after scaling once', async () => {
    replicas = new InventoryReplicas(system());
    const duringScaling = new OrderStream(system().api, customerId, { intervalMs: 200 });
    const scaleStarted = Date.now();
    const added = await replicas.add(2);
    const group = await settledGroup(3);
    const rebalanceMs = Date.now() - scaleStarted;
    await duringScaling.stop();
    expect(duringScaling.statuses.every((status) => status === 201)).toBe(true);
    expect(duringScaling.orderIds.length).toBeGreaterThan(0);

    // The coordinator's view: two partitions each, the new instances among the members.
    expect(group.members.map((member) => member.partitions.length)).toEqual([2, 2, 2]);
    expect(group.members.map((member) => member.clientId)).toEqual(
      expect.arrayContaining(added.map((replica) => replica.instanceId)),
    );

    const instanceUrls = [system().urls.inventory, ...added.map((replica) => replica.url)];
    const operator = await system().api.operatorHeaders();
    const processedBefore = await Promise.all(
      instanceUrls.map(async (url) => (await consumerStatus(url, operator)).events.processed),
    );
    const afterScaling: string[] = [];
    for (let i = 0; i < ORDERS_AFTER_SCALING; i++) {
      afterScaling.push(await placeOrder(system().api, payableOrder(customerId)));
    }

    const orderIds = [...duringScaling.orderIds, ...afterScaling];
    const { audit, drainMs } = await awaitSettled(system(), orderIds);
    expect(audit).toMatchObject({
      orders: orderIds.length,
      completed: orderIds.length,
      lost: 0,
      duplicates: 0,
    });
    await expectOneReservationEach(orderIds);

    // Each instance took its share of the orders placed after the split (30 orders over six
    // partitions: an instance left without any would mean the split is not real).
    const processedAfter = await Promise.all(
      instanceUrls.map(async (url) => (await consumerStatus(url, operator)).events.processed),
    );
    processedAfter.forEach((after, i) => expect(after).toBeGreaterThan(processedBefore[i] ?? 0));

    recordFigures('scaling-out', {
      ordersDuringScaling: duringScaling.orderIds.length,
      ordersAfterScaling: afterScaling.length,
      scaleOutToSettledMs: rebalanceMs,
      processedPerInstance: processedAfter.map((after, i) => after - (processedBefore[i] ?? 0)),
      drainMs,
    });
  });

  it('gives every partition back to the remaining instance when scaled back to one', async () => {
    if (!replicas) throw new Error('the scale-out test did not run');
    const started = Date.now();
    await replicas.removeAll();
    const group = await settledGroup(1);
    const scaleInMs = Date.now() - started;
    expect(group.members[0]?.clientId).toBe(GROUP);
    expect(group.members[0]?.partitions).toEqual([0, 1, 2, 3, 4, 5]);

    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS_AFTER_SCALING_DOWN; i++) {
      orderIds.push(await placeOrder(system().api, payableOrder(customerId)));
    }
    const { audit } = await awaitSettled(system(), orderIds);
    expect(audit).toMatchObject({ completed: orderIds.length, lost: 0, duplicates: 0 });
    await expectOneReservationEach(orderIds);
    recordFigures('scaling-in', { scaleInToSettledMs: scaleInMs, orders: orderIds.length });
  });

  /** Inventory's effect, counted in its own database: one reservation row per order, no more. */
  async function expectOneReservationEach(orderIds: readonly string[]): Promise<void> {
    const rows = await system().query<{ order_id: string }>(
      'inventory',
      'SELECT order_id FROM reservations WHERE order_id = ANY($1::uuid[])',
      [orderIds],
    );
    expect(rows).toHaveLength(orderIds.length);
    expect(new Set(rows.map((row) => row.order_id)).size).toBe(orderIds.length);
  }
});

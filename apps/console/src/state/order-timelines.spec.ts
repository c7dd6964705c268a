import type { RecordedEvent } from './console-view';
import { type GroupPositions, OrderTimelines } from './order-timelines';

const ORDER = '6f1c2d3e-0000-4000-8000-000000000001';

function event(type: string, topic: string, offset: number, value: unknown = {}): RecordedEvent {
  return {
    id: `${topic}/2@${offset}`,
    topic,
    partition: 2,
    offset: String(offset),
    key: ORDER,
    type,
    eventId: `${type}-${offset}`,
    producer: null,
    producedAt: 1_000,
    seenAt: 1_010,
    headers: {},
    value,
  };
}

/** Commits as Kafka keeps them: per group, the next offset to read on orders/2. */
function positions(committed: Record<string, number>): GroupPositions {
  return {
    committed: (group, topic, partition) =>
      topic === 'orders' && partition === 2 && committed[group] !== undefined
        ? BigInt(committed[group])
        : undefined,
    owner: (group) => `${group}-1`,
  };
}

describe('an order’s timeline', () => {
  it('marks a consumer group once its commit is past the event, with the member that owned it', () => {
    const timelines = new OrderTimelines();
    timelines.record(event('OrderCreated', 'orders', 4));
    expect(timelines.markHandled(positions({ payments: 4, inventory: 5 }), 1_250)).toHaveLength(1);
    const [created] = timelines.all()[0].steps;
    expect(created.consumers).toEqual(['payments', 'inventory', 'notifications', 'analytics']);
    expect(created.handled).toEqual({
      inventory: { group: 'inventory', instance: 'inventory-1', at: 1_250, afterMs: 250 },
    });
    // Nothing new: no update to push.
    expect(timelines.markHandled(positions({ payments: 4, inventory: 5 }), 1_300)).toEqual([]);
  });

  it('is PENDING until OrderCompleted or OrderCancelled, which gives the reason', () => {
    const timelines = new OrderTimelines();
    expect(timelines.record(event('OrderCreated', 'orders', 0))?.status).toBe('PENDING');
    timelines.record(event('PaymentFailed', 'payments', 0));
    const cancelled = timelines.record(
      event('OrderCancelled', 'orders', 1, {
        payload: { reason: 'payment failed: insufficient funds' },
      }),
    );
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      reason: 'payment failed: insufficient funds',
    });
    const released = timelines.record(event('StockReleased', 'inventory', 0));
    expect(released?.steps.map((step) => step.role)).toEqual([
      'start',
      'result',
      'outcome',
      'compensation',
    ]);
  });

  it('ignores records of no order (the catalogue, a record without a type) and duplicates', () => {
    const timelines = new OrderTimelines();
    expect(
      timelines.record({ ...event('ProductUpdated', 'products', 0), key: 'KEYBOARD-01' }),
    ).toBe(undefined);
    expect(timelines.record({ ...event('OrderCreated', 'orders', 0), type: null })).toBe(undefined);
    timelines.record(event('OrderCreated', 'orders', 0));
    timelines.record(event('OrderCreated', 'orders', 0));
    expect(timelines.all()[0].steps).toHaveLength(1);
  });

  it('keeps the newest orders only', () => {
    const timelines = new OrderTimelines(2);
    for (const key of ['a', 'b', 'c'])
      timelines.record({ ...event('OrderCreated', 'orders', 0), key });
    expect(timelines.all().map((timeline) => timeline.orderId)).toEqual(['c', 'b']);
  });
});

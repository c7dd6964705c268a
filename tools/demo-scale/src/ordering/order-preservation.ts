/** A message as far as ordering is concerned: where it sits and what it is keyed by. */
export interface KeyedMessage {
  partition: number;
  offset: string;
  key: string | null;
}

export interface OrderViolation {
  partition: number;
  expected: string[];
  actual: string[];
}

/**
 * Kafka orders messages within a partition, and Fanout keys everything by order id, so one
 * partition holds the whole history of each of its orders. A service that keeps per-key order
 * therefore answers the events of a partition in the order they arrived: the keys of its results,
 * partition by partition (same key → same partition number), come in the order of the inputs.
 * Returns the partitions where they do not.
 */
export function findOrderViolations(
  inputs: readonly KeyedMessage[],
  outputs: readonly KeyedMessage[],
): OrderViolation[] {
  const keysByPartition = (messages: readonly KeyedMessage[]) => {
    const byPartition = new Map<number, string[]>();
    const sorted = [...messages].sort((a, b) =>
      a.partition !== b.partition ? a.partition - b.partition : compareOffsets(a.offset, b.offset),
    );
    for (const { partition, key } of sorted) {
      if (key === null) continue;
      const keys = byPartition.get(partition) ?? [];
      // A redelivered event may be answered twice; its first answer is the one that counts.
      if (!keys.includes(key)) keys.push(key);
      byPartition.set(partition, keys);
    }
    return byPartition;
  };
  const arrived = keysByPartition(inputs);
  const answered = keysByPartition(outputs);
  const violations: OrderViolation[] = [];
  for (const [partition, actual] of answered) {
    const answeredKeys = new Set(actual);
    const expected = (arrived.get(partition) ?? []).filter((key) => answeredKeys.has(key));
    if (expected.length !== actual.length || expected.some((key, i) => key !== actual[i])) {
      violations.push({ partition, expected, actual });
    }
  }
  return violations;
}

function compareOffsets(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** Which partitions of one topic each member of a consumer group holds. */
export type GroupAssignment = Record<string, readonly number[]>;

export interface AssignmentCheck {
  /** Every partition is held by exactly one member. */
  complete: boolean;
  /** Partitions held by nobody. */
  gaps: number[];
  /** Partitions held by more than one member, with their holders. */
  overlaps: { partition: number; members: string[] }[];
}

export function checkAssignment(
  assignment: GroupAssignment,
  partitionCount: number,
): AssignmentCheck {
  const holders = new Map<number, string[]>();
  for (const [member, partitions] of Object.entries(assignment)) {
    for (const partition of partitions)
      holders.set(partition, [...(holders.get(partition) ?? []), member]);
  }
  const all = Array.from({ length: partitionCount }, (_, partition) => partition);
  const gaps = all.filter((partition) => !holders.has(partition));
  const overlaps = [...holders]
    .filter(([, members]) => members.length > 1)
    .map(([partition, members]) => ({ partition, members }))
    .sort((a, b) => a.partition - b.partition);
  const outOfRange = [...holders.keys()].some((p) => p < 0 || p >= partitionCount);
  return { complete: gaps.length === 0 && overlaps.length === 0 && !outOfRange, gaps, overlaps };
}

/** `inventory-1: [0, 1]  inventory-2: [2, 3]` — for the demo's output. */
export function describeAssignment(assignment: GroupAssignment): string {
  return Object.entries(assignment)
    .map(([member, partitions]) => `${member}: [${partitions.join(', ')}]`)
    .join('  ');
}

import { AssignerProtocol, Kafka, logLevel, type SASLOptions } from 'kafkajs';

/** One member of a consumer group as the broker's group coordinator describes it. */
export interface GroupMember {
  memberId: string;
  clientId: string;
  /** The partitions of the topic asked about that the member was assigned. */
  partitions: number[];
}

export interface GroupDescription {
  state: string;
  members: GroupMember[];
}

/**
 * The group as the coordinator sees it (DescribeGroups), with each member's assignment decoded:
 * the broker's own answer, not what the members say about themselves. `sasl`: a principal that
 * may describe the group (the operator), on a broker that authenticates.
 */
export async function describeGroup(
  brokers: string,
  groupId: string,
  topic: string,
  sasl?: SASLOptions,
): Promise<GroupDescription> {
  const kafka = new Kafka({
    clientId: 'e2e-group-probe',
    brokers: brokers.split(','),
    sasl,
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups.find((candidate) => candidate.groupId === groupId);
    if (!group) throw new Error(`DescribeGroups did not answer for ${groupId}`);
    return {
      state: group.state,
      members: group.members.map((member) => ({
        memberId: member.memberId,
        clientId: member.clientId,
        partitions: decodePartitions(member.memberAssignment, topic),
      })),
    };
  } finally {
    await admin.disconnect();
  }
}

/** A member's assignment is the consumer protocol's MemberAssignment; empty while rebalancing. */
function decodePartitions(assignment: Buffer, topic: string): number[] {
  if (assignment.length === 0) return [];
  const decoded = AssignerProtocol.MemberAssignment.decode(assignment);
  return [...(decoded?.assignment[topic] ?? [])].sort((a, b) => a - b);
}

/**
 * Checks that a stable group's members split the topic's partitions: each partition held by
 * exactly one member, none left over, and `members` members each holding some. Returns why not,
 * or undefined when it is so.
 */
export function splitProblem(
  group: GroupDescription,
  members: number,
  partitionCount: number,
): string | undefined {
  if (group.state !== 'Stable') return `group ${group.state}`;
  if (group.members.length !== members) return `${group.members.length} members`;
  const held = group.members.flatMap((member) => member.partitions).sort((a, b) => a - b);
  const all = Array.from({ length: partitionCount }, (_, partition) => partition);
  if (JSON.stringify(held) !== JSON.stringify(all)) return `partitions held: [${held.join(', ')}]`;
  const idle = group.members.filter((member) => member.partitions.length === 0);
  if (idle.length > 0) return `${idle.length} member(s) without partitions`;
  return undefined;
}

import type { MemberProtocol } from './member';

interface ProtocolVoter {
  readonly protocols: readonly MemberProtocol[];
}

/** Protocol names every member supports, in the first member's preference order. */
export function commonProtocols(members: readonly ProtocolVoter[]): string[] {
  if (members.length === 0) {
    return [];
  }
  const [first, ...others] = members;
  return first.protocols
    .map((protocol) => protocol.name)
    .filter((name) => others.every((member) => member.protocols.some((p) => p.name === name)));
}

/**
 * Kafka's choice: among the protocols every member supports, each member votes for its own
 * first preference and the most votes win (ties go to the earlier protocol in the first
 * member's order). Undefined when the members share no protocol.
 */
export function selectProtocol(members: readonly ProtocolVoter[]): string | undefined {
  const candidates = commonProtocols(members);
  const candidateSet = new Set(candidates);
  const votes = new Map<string, number>();
  for (const member of members) {
    const choice = member.protocols.find((protocol) => candidateSet.has(protocol.name))?.name;
    if (choice !== undefined) {
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
  }
  if (candidates.length === 0) {
    return undefined;
  }
  let winner = candidates[0];
  for (const name of candidates) {
    if ((votes.get(name) ?? 0) > (votes.get(winner) ?? 0)) {
      winner = name;
    }
  }
  return winner;
}

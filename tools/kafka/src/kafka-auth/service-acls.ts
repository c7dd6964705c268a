import {
  deadLetterTopic,
  eventDefinitions,
  serviceNames,
  type ServiceName,
  topicNames,
} from '@fanout/contracts';

/** The operator principal: Kafka's super user, for admin work (topics, the DLT tool, kcat). */
export const OPERATOR = 'operator';

/** An ACL in the form the embedded broker's --acls file and its acls.json take. */
export interface AclEntry {
  resourceType: 'TOPIC' | 'GROUP';
  resourceName: string;
  patternType: 'LITERAL';
  principal: string;
  host: '*';
  operation: 'READ' | 'WRITE' | 'DESCRIBE';
  permissionType: 'ALLOW';
}

/** What one service's principal is allowed, and why: derived from the event contracts. */
export interface ServiceGrants {
  service: ServiceName;
  /** The topics of the events it produces. */
  writes: string[];
  /** The dead-letter topics of what it consumes: its consumer parks poison messages there. */
  deadLetters: string[];
  /** The topics of the events it consumes. */
  reads: string[];
  /** Its consumer group, named after it. */
  group: string;
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/**
 * Each service's grants, from libs/contracts (an event's topic, producer and consumers): nothing
 * here is a list kept by hand, so a new event or consumer changes the ACLs with the contracts.
 */
export function serviceGrants(service: ServiceName): ServiceGrants {
  const produced = eventDefinitions.filter((definition) => definition.producer === service);
  const consumed = eventDefinitions.filter((definition) =>
    (definition.consumers as readonly string[]).includes(service),
  );
  const reads = sorted(consumed.map((definition) => definition.topic));
  return {
    service,
    writes: sorted(produced.map((definition) => definition.topic)),
    deadLetters: reads.map(deadLetterTopic),
    reads,
    group: service,
  };
}

/** Every Fanout topic and its dead-letter topic: what the operator creates. */
export function fanoutTopics(): string[] {
  return topicNames.flatMap((topic) => [topic, deadLetterTopic(topic)]);
}

/**
 * The ACLs of every service principal. Besides its grants, each may DESCRIBE every Fanout topic
 * (names, partition counts, end offsets; no messages): a service checks at start-up that all the
 * topics exist (TopicAdmin.ensureTopics), and a topic it may not describe would look missing.
 * Idempotent producing needs no IDEMPOTENT_WRITE on the cluster: WRITE on a topic implies it
 * (KIP-679), in Apache Kafka 3+ and in the embedded broker. No CREATE, DELETE, ALTER or cluster
 * grant: topics are the operator's.
 */
export function serviceAcls(services: readonly ServiceName[] = serviceNames): AclEntry[] {
  return services.flatMap((service) => {
    const grants = serviceGrants(service);
    const principal = `User:${service}`;
    const acl = (
      resourceType: AclEntry['resourceType'],
      resourceName: string,
      operation: AclEntry['operation'],
    ): AclEntry => ({
      resourceType,
      resourceName,
      patternType: 'LITERAL',
      principal,
      host: '*',
      operation,
      permissionType: 'ALLOW',
    });
    const writable = new Set([...grants.writes, ...grants.deadLetters]);
    const readable = new Set(grants.reads);
    return [
      ...[...writable].map((topic) => acl('TOPIC', topic, 'WRITE')),
      ...[...readable].map((topic) => acl('TOPIC', topic, 'READ')),
      ...fanoutTopics()
        .filter((topic) => !writable.has(topic) && !readable.has(topic))
        .map((topic) => acl('TOPIC', topic, 'DESCRIBE')),
      acl('GROUP', grants.group, 'READ'),
    ];
  });
}

/** The console's principal (apps/console), and its consumer group. */
export const CONSOLE = 'console';

/**
 * The console's ACLs: READ on every Fanout topic, dead letters included (its own group reads
 * them all), READ on its own group, and DESCRIBE on each service's group (DescribeGroups and
 * OffsetFetch: members, assignments, committed offsets). No WRITE anywhere: it can change no
 * business data, and cannot join or commit for a service's group (that needs READ on the group).
 */
export function consoleAcls(): AclEntry[] {
  const acl = (
    resourceType: AclEntry['resourceType'],
    resourceName: string,
    operation: AclEntry['operation'],
  ): AclEntry => ({
    resourceType,
    resourceName,
    patternType: 'LITERAL',
    principal: `User:${CONSOLE}`,
    host: '*',
    operation,
    permissionType: 'ALLOW',
  });
  return [
    ...fanoutTopics().map((topic) => acl('TOPIC', topic, 'READ')),
    acl('GROUP', CONSOLE, 'READ'),
    ...serviceNames.map((service) => acl('GROUP', serviceGrants(service).group, 'DESCRIBE')),
  ];
}

/** Every principal's ACLs but the operator's (a super user): what a Fanout broker is given. */
export function fanoutAcls(): AclEntry[] {
  return [...serviceAcls(), ...consoleAcls()];
}

/** The principals and their grants as the Markdown table docs/security.md shows (and a spec checks). */
export function renderGrantsTable(services: readonly ServiceName[] = serviceNames): string {
  const code = (names: readonly string[]) =>
    names.length === 0 ? '—' : names.map((name) => `\`${name}\``).join(', ');
  return [
    '| principal | WRITE (produce) | READ (consume) | group (READ) |',
    '|---|---|---|---|',
    ...services.map((service) => {
      const grants = serviceGrants(service);
      return (
        `| \`User:${service}\` | ${code([...grants.writes, ...grants.deadLetters])} | ` +
        `${code(grants.reads)} | \`${grants.group}\` |`
      );
    }),
    `| \`User:${OPERATOR}\` | super user: every operation on every resource | | |`,
  ].join('\n');
}

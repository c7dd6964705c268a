import type { AclEntry } from '@fanout/kafka-runner';
import type { ComposeDocument, ComposeService } from './compose-document';
import { optionOf, optionValues, type ToolCall } from './topic-job';

/** What the file must say about Kafka's authentication and authorisation. */
export interface KafkaSecurityExpectations {
  /** The Kafka service, started as the apache/kafka image starts it from its environment. */
  broker: string;
  /** The super user the topic job runs as. */
  operator: string;
  /** The SASL mechanism of every client (Kafka's name; the services take it in lower case). */
  mechanism: string;
  authorizer: string;
  /** Every principal's ACLs (the services' and the console's), as tools/kafka derives them. */
  acls: readonly AclEntry[];
}

/** The SCRAM users the broker's storage is formatted with (`--add-scram` in its command). */
export function scramUsers(broker: ComposeService, mechanism: string): Map<string, string> {
  const command = [...(broker.entrypoint ?? []), ...(broker.command ?? [])].join('\n');
  const pattern = new RegExp(`${mechanism}=\\[name=([^,\\]]+),password=([^\\]]*)\\]`, 'g');
  return new Map(
    [...command.matchAll(pattern)].map(([, name = '', password = '']) => [name, password]),
  );
}

/**
 * The broker's settings as the apache/kafka image renders them from its environment: KAFKA_ cut
 * off, `___` → `-`, `__` → `_`, `_` → `.`, lower case (KAFKA_OPTS, _HEAP_OPTS and the like are
 * the JVM's, not the broker's).
 */
function brokerProperties(broker: ComposeService): Map<string, string> {
  const jvm = new Set(['KAFKA_OPTS', 'KAFKA_HEAP_OPTS', 'KAFKA_JMX_OPTS', 'KAFKA_LOG4J_OPTS']);
  return new Map(
    Object.entries(broker.environment)
      .filter(([name]) => name.startsWith('KAFKA_') && !jvm.has(name))
      .map(([name, value]) => [
        name
          .slice('KAFKA_'.length)
          .replace(/___/g, '-')
          .replace(/__/g, '\0')
          .replace(/_/g, '.')
          .replace(/\0/g, '_')
          .toLowerCase(),
        value,
      ]),
  );
}

/** `password="..."` in a JAAS line. */
const jaasPassword = (jaas: string | undefined) => /\bpassword="([^"]*)"/.exec(jaas ?? '')?.[1];

/** The ACLs the topic job's kafka-acls calls add, one entry per principal, operation and resource. */
function aclsAdded(calls: readonly ToolCall[]): AclEntry[] {
  return calls
    .filter((call) => call.tool === 'kafka-acls' && call.args.includes('--add'))
    .flatMap(({ args }) => {
      const principals = optionValues(args, '--allow-principal');
      const operations = optionValues(args, '--operation').map((op) => op.toUpperCase());
      const resources = [
        ...optionValues(args, '--topic').map((name) => ['TOPIC', name] as const),
        ...optionValues(args, '--group').map((name) => ['GROUP', name] as const),
      ];
      return principals.flatMap((principal) =>
        operations.flatMap((operation) =>
          resources.map(
            ([resourceType, resourceName]) =>
              ({
                resourceType,
                resourceName,
                patternType: (optionOf(args, '--resource-pattern-type') ?? 'literal').toUpperCase(),
                principal,
                host: optionOf(args, '--allow-host') ?? '*',
                operation,
                permissionType: 'ALLOW',
              }) as AclEntry,
          ),
        ),
      );
    });
}

export const aclKey = (acl: AclEntry) =>
  `${acl.principal} ${acl.permissionType} ${acl.operation} ${acl.resourceType}:${acl.patternType}:${acl.resourceName} host=${acl.host}`;

/**
 * Why Kafka in the file would not be secured as `npm start`'s is, or why a service or the topic
 * job could not log in or would be refused: a listener without SASL, a missing authoriser or
 * super user, a principal with no SCRAM user, a password that differs from its user's, an ACL
 * more or less than the contracts give. Empty when it holds.
 */
export function kafkaSecurityProblems(
  compose: ComposeDocument,
  services: readonly string[],
  job: ComposeService,
  calls: readonly ToolCall[],
  expected: KafkaSecurityExpectations,
): string[] {
  const broker = compose.services[expected.broker];
  if (!broker) return [`no service ${expected.broker}`];
  const problems: string[] = [];
  const properties = brokerProperties(broker);
  const users = scramUsers(broker, expected.mechanism);
  const operatorPassword = users.get(expected.operator);

  const protocols = (properties.get('listener.security.protocol.map') ?? '').split(',');
  for (const entry of protocols) {
    const [listener, protocol] = entry.split(':');
    if (!protocol?.startsWith('SASL_')) {
      problems.push(
        `${broker.name}: listener ${listener} is ${protocol}, not SASL (anyone may connect)`,
      );
    }
  }
  if (!(properties.get('sasl.enabled.mechanisms') ?? '').split(',').includes(expected.mechanism)) {
    problems.push(`${broker.name}: ${expected.mechanism} is not in sasl.enabled.mechanisms`);
  }
  if (properties.get('authorizer.class.name') !== expected.authorizer) {
    problems.push(`${broker.name}: authorizer.class.name is not ${expected.authorizer}`);
  }
  if (properties.get('allow.everyone.if.no.acl.found') === 'true') {
    problems.push(
      `${broker.name}: allow.everyone.if.no.acl.found=true lets anyone use a resource no ACL names`,
    );
  }
  const superUsers = (properties.get('super.users') ?? '').split(';');
  if (!superUsers.includes(`User:${expected.operator}`)) {
    problems.push(`${broker.name}: super.users does not name User:${expected.operator}`);
  }
  if (superUsers.some((user) => user !== `User:${expected.operator}` && user !== '')) {
    problems.push(
      `${broker.name}: super.users names more than the operator: ${superUsers.join(';')}`,
    );
  }
  if (operatorPassword === undefined) {
    problems.push(`${broker.name}: no ${expected.mechanism} user ${expected.operator}`);
  }
  // The broker's own logins (to itself and to its controller) are the operator's.
  for (const [name, value] of properties) {
    if (name.endsWith('.sasl.jaas.config') && jaasPassword(value) !== operatorPassword) {
      problems.push(`${broker.name}: ${name} has a password that is not the operator's`);
    }
  }

  for (const name of services) {
    const env = compose.services[name]?.environment ?? {};
    if ((env['KAFKA_SASL_MECHANISM'] ?? '').toUpperCase() !== expected.mechanism) {
      problems.push(`${name}: KAFKA_SASL_MECHANISM is not ${expected.mechanism.toLowerCase()}`);
    }
    const username = env['KAFKA_SASL_USERNAME'];
    if (username !== name)
      problems.push(`${name}: KAFKA_SASL_USERNAME is ${username}, not ${name}`);
    const password = users.get(name);
    if (password === undefined)
      problems.push(`${broker.name}: no ${expected.mechanism} user ${name}`);
    else if (env['KAFKA_SASL_PASSWORD'] !== password) {
      problems.push(
        `${name}: KAFKA_SASL_PASSWORD is not the password of ${broker.name}'s user ${name}`,
      );
    }
  }

  const jobPasswords = Object.entries(job.environment).filter(([n]) => /PASSWORD/.test(n));
  if (!jobPasswords.some(([, value]) => value === operatorPassword)) {
    problems.push(`${job.name}: no variable carries the operator's password`);
  }
  for (const call of calls) {
    if (optionOf(call.args, '--command-config') === undefined) {
      problems.push(
        `${job.name}: ${call.tool} ${call.args.slice(0, 3).join(' ')} runs without the operator's login (--command-config)`,
      );
    }
  }
  const added = new Set(aclsAdded(calls).map(aclKey));
  const wanted = new Set(expected.acls.map(aclKey));
  for (const key of wanted)
    if (!added.has(key)) problems.push(`${job.name} does not add the ACL ${key}`);
  for (const key of added)
    if (!wanted.has(key))
      problems.push(`${job.name} adds an ACL the contracts do not give: ${key}`);
  return problems;
}

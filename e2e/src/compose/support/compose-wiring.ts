import { readFileSync } from 'node:fs';
import type { ComposeDocument, ComposeService } from './compose-document';
import { kafkaSecurityProblems, type KafkaSecurityExpectations } from './kafka-security';
import { optionOf, recordTopicJob } from './topic-job';

/** What the four services and the console need from the file, and what the topic job must create. */
export interface WiringExpectations {
  /** Service name → the variable its database URL is read from. */
  services: Readonly<Record<string, string>>;
  /**
   * Kafka clients without a database (the console), each logging in as its own principal:
   * name → the variables it reads a service's base URL from → that service.
   */
  readers: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The variable every service reads Kafka's bootstrap addresses from. */
  brokersVariable: string;
  topics: readonly string[];
  partitions: number;
  /** Topic configs a topic must be created with (`--config name=value`), by topic. */
  topicConfigs: Readonly<Record<string, readonly string[]>>;
  /** The one-shot service that creates the topics and the ACLs. */
  topicJob: string;
  /** Kafka's SASL users, authoriser and ACLs. */
  kafka: KafkaSecurityExpectations;
}

/** PostgreSQL's official image runs these scripts when it initialises its data directory. */
const INIT_DIR = '/docker-entrypoint-initdb.d';

/**
 * Why the file would not work, statically: a service without its Kafka or database variable, an
 * address no container answers on (Kafka's advertised listeners, PostgreSQL's port, a service's
 * HTTP port the console calls), a database
 * the init script does not create or credentials the server was not given, a topic the job does
 * not create with the partitions the consumer groups scale to, Kafka without the SASL users, the
 * authoriser or the ACLs `npm start` has (kafka-security.ts). The topic job is run against
 * recording Kafka tools to learn what it asks for. Empty when the wiring holds.
 */
export async function wiringProblems(
  compose: ComposeDocument,
  expected: WiringExpectations,
): Promise<string[]> {
  const problems: string[] = [];
  const listeners = advertisedListeners(compose);
  const brokerAddress = (owner: string, address: string) => {
    if (!listeners.has(address)) {
      problems.push(
        `${owner}: ${address} is not an advertised listener of any Kafka service (${[...listeners].join(', ') || 'none'})`,
      );
    }
  };

  for (const [name, databaseVariable] of Object.entries(expected.services)) {
    const service = compose.services[name];
    if (!service) {
      problems.push(`no service ${name}`);
      continue;
    }
    const brokers = service.environment[expected.brokersVariable];
    if (brokers === undefined) problems.push(`${name}: ${expected.brokersVariable} is not set`);
    else for (const address of brokers.split(',')) brokerAddress(name, address.trim());
    const databaseUrl = service.environment[databaseVariable];
    if (databaseUrl === undefined) problems.push(`${name}: ${databaseVariable} is not set`);
    else problems.push(...databaseProblems(compose, name, databaseUrl));
  }

  for (const [name, urls] of Object.entries(expected.readers)) {
    const reader = compose.services[name];
    if (!reader) {
      problems.push(`no service ${name}`);
      continue;
    }
    const brokers = reader.environment[expected.brokersVariable];
    if (brokers === undefined) problems.push(`${name}: ${expected.brokersVariable} is not set`);
    else for (const address of brokers.split(',')) brokerAddress(name, address.trim());
    for (const [variable, target] of Object.entries(urls)) {
      problems.push(...serviceUrlProblems(compose, name, variable, target));
    }
  }

  const job = compose.services[expected.topicJob];
  if (!job) return [...problems, `no service ${expected.topicJob}`];
  const { result, calls } = await recordTopicJob(job);
  if (result.code !== 0) problems.push(`${job.name} exits ${result.code}: ${result.output}`);
  const created = new Map<string, { partitions?: string; configs: string[] }>();
  for (const { tool, args } of calls) {
    const bootstrap = optionOf(args, '--bootstrap-server');
    if (bootstrap) bootstrap.split(',').forEach((address) => brokerAddress(job.name, address));
    const topic = optionOf(args, '--topic');
    if (tool === 'kafka-topics' && args.includes('--create') && topic) {
      const configs = args.flatMap((arg, i) => (args[i - 1] === '--config' ? [arg] : []));
      created.set(topic, { partitions: optionOf(args, '--partitions'), configs });
    }
  }
  problems.push(
    ...kafkaSecurityProblems(
      compose,
      [...Object.keys(expected.services), ...Object.keys(expected.readers)],
      job,
      calls,
      expected.kafka,
    ),
  );
  for (const topic of expected.topics) {
    const creation = created.get(topic);
    if (creation === undefined) {
      problems.push(`${job.name} does not create ${topic}`);
      continue;
    }
    if (creation.partitions !== String(expected.partitions)) {
      problems.push(`${job.name} creates ${topic} with ${creation.partitions} partitions`);
    }
    for (const config of expected.topicConfigs[topic] ?? []) {
      if (!creation.configs.includes(config)) {
        problems.push(`${job.name} creates ${topic} without --config ${config}`);
      }
    }
  }
  return problems;
}

/** `host:port` of every advertised listener of every service that configures one. */
function advertisedListeners(compose: ComposeDocument): Set<string> {
  const addresses = new Set<string>();
  for (const service of Object.values(compose.services)) {
    const advertised = service.environment['KAFKA_ADVERTISED_LISTENERS'] ?? '';
    for (const listener of advertised.split(',').filter(Boolean)) {
      const address = listener.replace(/^[A-Za-z_]+:\/\//, '');
      // Only addresses other containers can reach by a service's name.
      const host = address.split(':')[0] ?? '';
      if (compose.services[host]) addresses.add(address);
    }
  }
  return addresses;
}

/** A service's base URL must name that service and the PORT it listens on in its container. */
function serviceUrlProblems(
  compose: ComposeDocument,
  owner: string,
  variable: string,
  target: string,
): string[] {
  const value = compose.services[owner]?.environment[variable];
  if (value === undefined) return [`${owner}: ${variable} is not set`];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [`${owner}: ${variable} ${value} is not a URL`];
  }
  if (url.hostname !== target)
    return [`${owner}: ${variable} names ${url.hostname}, not ${target}`];
  const port = compose.services[target]?.environment['PORT'];
  if (port === undefined) return [`${owner}: ${variable}: ${target} has no PORT`];
  return (url.port || '80') === port
    ? []
    : [`${owner}: ${variable} calls port ${url.port || '80'}, ${target} listens on ${port}`];
}

function databaseProblems(compose: ComposeDocument, owner: string, value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [`${owner}: database URL ${value} is not a URL`];
  }
  const server = compose.services[url.hostname];
  if (!server || !server.image?.startsWith('postgres')) {
    return [`${owner}: database host ${url.hostname} is not a PostgreSQL service`];
  }
  const problems: string[] = [];
  if ((url.port || '5432') !== '5432') problems.push(`${owner}: PostgreSQL listens on 5432`);
  const user = server.environment['POSTGRES_USER'] ?? 'postgres';
  if (decodeURIComponent(url.username) !== user) {
    problems.push(`${owner}: database user ${url.username}, the server's is ${user}`);
  }
  if (decodeURIComponent(url.password) !== (server.environment['POSTGRES_PASSWORD'] ?? '')) {
    problems.push(`${owner}: database password differs from ${server.name}'s POSTGRES_PASSWORD`);
  }
  const database = url.pathname.slice(1);
  const created = createdDatabases(server);
  if (!created.has(database)) {
    problems.push(`${owner}: database ${database} is not created by ${server.name}'s init scripts`);
  }
  return problems;
}

/** The databases a PostgreSQL service has after its first start: POSTGRES_DB and the init scripts'. */
export function createdDatabases(server: ComposeService): Set<string> {
  const names = new Set([server.environment['POSTGRES_DB'] ?? 'postgres']);
  for (const script of initScripts(server)) {
    for (const match of readFileSync(script, 'utf8').matchAll(/CREATE DATABASE\s+"?(\w+)"?/gi)) {
      names.add(match[1] ?? '');
    }
  }
  return names;
}

/** The SQL files a PostgreSQL service mounts into the image's init directory. */
export function initScripts(server: ComposeService): string[] {
  return server.volumes
    .filter(
      ({ type, target }) =>
        type === 'bind' && target.startsWith(`${INIT_DIR}/`) && target.endsWith('.sql'),
    )
    .map(({ source }) => source);
}

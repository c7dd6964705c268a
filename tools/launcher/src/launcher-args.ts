import { parseArgs } from 'node:util';
import { isServiceName, SERVICE_NAMES, ServiceName } from './service-catalog';

/**
 * Where the services keep their data, without --postgres: one embedded PostgreSQL server with a
 * database per service (the default), or one PGlite database per service process.
 */
export type EmbeddedDatabase = 'postgres' | 'pglite';

export const EMBEDDED_DATABASES: readonly EmbeddedDatabase[] = ['postgres', 'pglite'];

/** The Kafka the services use: Fanout's embedded broker, or a real Apache Kafka (tools/kafka). */
export type KafkaKind = 'embedded' | 'apache';

export const KAFKA_KINDS: readonly KafkaKind[] = ['embedded', 'apache'];

export interface LauncherOptions {
  /** Services to start, in catalogue order. */
  services: ServiceName[];
  /** Replicas per started service (1 unless --scale says otherwise). */
  replicas: Record<ServiceName, number>;
  /** A PostgreSQL server URL: each service gets its own database there instead of PGlite. */
  postgresUrl: string | undefined;
  /** The embedded database when there is no --postgres (and no *_DATABASE_URL for a service). */
  database: EmbeddedDatabase;
  /** Which broker to start on 9092 + offset (ignored when KAFKA_BROKERS names one). */
  kafka: KafkaKind;
  /** Added to every port: the broker's 9092 and the services' 3000-3003 (0 unless --port-offset). */
  portOffset: number;
  /**
   * Kafka authentication and ACLs on the broker the launcher starts (SASL SCRAM-SHA-512, one
   * principal per service, an operator): true unless --no-auth.
   */
  auth: boolean;
  /** The event-flow console (apps/console) on 3004 + offset: true unless --no-console. */
  console: boolean;
  /**
   * The control endpoint on 127.0.0.1:3099 + offset, with which the console stops, starts and
   * scales services: true unless --no-control (or --no-console).
   */
  control: boolean;
  help: boolean;
}

export const MAX_REPLICAS = 9;

/** Keeps the highest port the launcher uses, the broker's 9092 + offset, below 65536. */
export const MAX_PORT_OFFSET = 56_000;

export const USAGE = `Usage: npm start -- [options]

Starts the embedded Kafka-compatible broker (unless KAFKA_BROKERS is set), one embedded
PostgreSQL server with a database per service (data in DATA_DIR/postgres, default .data), and the
Fanout services.

Options:
  --services <list>     comma-separated services to start (default: ${SERVICE_NAMES.join(',')})
  --scale <svc>=<n>     run n replicas of a service (same consumer group, ports 30x2, 30(x+1)2 …);
                        repeatable, or comma-separated: --scale inventory=3,payments=2
  --kafka <kind>        the broker: embedded (default: Fanout's own, no JVM) or apache (Apache
                        Kafka from its Maven jars, KRaft, controller on 9093+offset; needs Java 17
                        and Maven, the topics created with Kafka's kafka-topics as compose does)
  --database <kind>     the embedded database: postgres (default: one PostgreSQL server on
                        127.0.0.1:5433+offset, a database and a role per service) or pglite (one
                        PGlite database per service process, in DATA_DIR/<service>)
  --postgres <url>      use this PostgreSQL server instead (one database per service, created if
                        missing), e.g. postgres://postgres@127.0.0.1:5432
  --no-auth             run the broker (embedded or apache) without authentication or ACLs
                        (default: SASL SCRAM-SHA-512, one principal per service allowed only its
                        own topics and group, and an operator; credentials in DATA_DIR/kafka-auth)
  --no-console          do not start the console (apps/console, http://127.0.0.1:3004+offset), the
                        page that shows the events, consumer groups and lag live
  --no-control          start the console without the launcher's control endpoint (loopback
                        only, 127.0.0.1:3099+offset, a token only the console has): its page then
                        cannot stop, start or scale services, place orders or replay dead letters
  --port-offset <n>     add n to every port: broker 9092+n, PostgreSQL 5433+n, services 3000+n …
                        (default 0), so that a second Fanout (with its own DATA_DIR) can run beside
                        the first
  -h, --help            show this help
`;

export class LauncherArgsError extends Error {}

/** Parses the launcher's command line (the arguments after `npm start --`). */
export function parseLauncherArgs(argv: readonly string[]): LauncherOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        services: { type: 'string' },
        scale: { type: 'string', multiple: true },
        postgres: { type: 'string' },
        database: { type: 'string' },
        kafka: { type: 'string' },
        'port-offset': { type: 'string' },
        'no-auth': { type: 'boolean' },
        'no-console': { type: 'boolean' },
        'no-control': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new LauncherArgsError((error as Error).message);
  }
  const { values } = parsed;

  const services =
    values.services === undefined ? [...SERVICE_NAMES] : parseServiceList(values.services);
  const replicas = Object.fromEntries(SERVICE_NAMES.map((name) => [name, 1])) as Record<
    ServiceName,
    number
  >;
  for (const [name, count] of (values.scale ?? []).flatMap(parseScaleList)) {
    if (!services.includes(name)) {
      throw new LauncherArgsError(
        `--scale ${name}=${count}: ${name} is not among the started services`,
      );
    }
    replicas[name] = count;
  }

  const database = parseDatabase(values.database);
  if (values.postgres !== undefined && values.database !== undefined) {
    throw new LauncherArgsError(
      '--postgres and --database exclude each other: --postgres uses that server, ' +
        '--database chooses the embedded one',
    );
  }

  return {
    services,
    replicas,
    postgresUrl: values.postgres,
    database,
    kafka: parseKafka(values.kafka),
    portOffset: values['port-offset'] === undefined ? 0 : parsePortOffset(values['port-offset']),
    auth: !(values['no-auth'] ?? false),
    console: !(values['no-console'] ?? false),
    control: !(values['no-console'] ?? false) && !(values['no-control'] ?? false),
    help: values.help ?? false,
  };
}

function parseKafka(text: string | undefined): KafkaKind {
  if (text === undefined) return 'embedded';
  const kind = KAFKA_KINDS.find((candidate) => candidate === text.trim());
  if (!kind) {
    throw new LauncherArgsError(`--kafka expects one of ${KAFKA_KINDS.join(', ')}, got "${text}"`);
  }
  return kind;
}

function parseDatabase(text: string | undefined): EmbeddedDatabase {
  if (text === undefined) return 'postgres';
  const database = EMBEDDED_DATABASES.find((kind) => kind === text.trim());
  if (!database) {
    throw new LauncherArgsError(
      `--database expects one of ${EMBEDDED_DATABASES.join(', ')}, got "${text}"`,
    );
  }
  return database;
}

function parsePortOffset(text: string): number {
  const offset = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(offset <= MAX_PORT_OFFSET)) {
    throw new LauncherArgsError(
      `--port-offset expects a whole number from 0 to ${MAX_PORT_OFFSET}, got "${text}"`,
    );
  }
  return offset;
}

function parseServiceList(list: string): ServiceName[] {
  const requested = splitList(list);
  if (requested.length === 0) throw new LauncherArgsError('--services needs at least one service');
  for (const name of requested) {
    if (!isServiceName(name)) {
      throw new LauncherArgsError(
        `unknown service "${name}" (expected one of ${SERVICE_NAMES.join(', ')})`,
      );
    }
  }
  // Catalogue order, without duplicates, whatever order the user typed.
  return SERVICE_NAMES.filter((name) => requested.includes(name));
}

function parseScaleList(list: string): Array<[ServiceName, number]> {
  return splitList(list).map((entry) => {
    const match = /^([a-z]+)=(\d+)$/.exec(entry);
    if (!match) throw new LauncherArgsError(`--scale expects <service>=<replicas>, got "${entry}"`);
    const [, name, countText] = match;
    if (!isServiceName(name)) {
      throw new LauncherArgsError(
        `unknown service "${name}" (expected one of ${SERVICE_NAMES.join(', ')})`,
      );
    }
    const count = Number(countText);
    if (count < 1 || count > MAX_REPLICAS) {
      throw new LauncherArgsError(
        `--scale ${name}: replicas must be between 1 and ${MAX_REPLICAS}`,
      );
    }
    return [name, count];
  });
}

function splitList(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

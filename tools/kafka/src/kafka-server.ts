import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureKafkaJars, type EnsureKafkaJarsOptions } from './kafka-jars';
import { LOG4J2_SERVER_CONFIG } from './kafka-paths';
import { KAFKA_TOOLS, splitOptions, toolJvmArgs } from './kafka-tools';
import { checkJava, type Jvm, type JvmExit, spawnJvm } from './jvm';
import { isPortFree } from '@fanout/node-process';
import { waitFor } from './wait-for';
import { kafkaAnswers } from './readiness';
import {
  DEFAULT_HEAP_OPTS,
  type KafkaSaslSettings,
  SASL_MECHANISM,
  serverProperties,
} from './server-properties';

/** A SCRAM user created when the data directory is formatted. */
export interface ScramUser {
  name: string;
  password: string;
}

export interface KafkaServerOptions extends EnsureKafkaJarsOptions {
  /** Clients connect to 127.0.0.1:port. */
  port: number;
  /** The KRaft controller listener on 127.0.0.1. */
  controllerPort: number;
  /** Created if absent; formatted only when it holds no meta.properties yet. */
  dataDir: string;
  /** Default: KAFKA_HEAP_OPTS, else -Xms256m -Xmx512m. */
  heapOpts?: string;
  /** How long the JVM may take to answer clients (default 180 s). */
  readyTimeoutMs?: number;
  /** Where the JVM's own warnings and errors go (default: this process's stderr). */
  jvmOutputFd?: number;
  /** Aborting during the start stops the JVM and rejects. */
  signal?: AbortSignal;
  /**
   * SASL SCRAM-SHA-512 and the StandardAuthorizer, with these users (the operator among them):
   * created when the data directory is formatted (kafka-storage format --add-scram).
   */
  sasl?: KafkaSaslSettings & { users: readonly ScramUser[] };
}

/** A running Apache Kafka JVM, ready for clients. */
export interface KafkaServer {
  readonly brokers: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly jvm: Jvm;
  /** SIGTERM (Kafka's shutdown hook runs), SIGKILL after graceMs (default 60 s). */
  stop(graceMs?: number): Promise<JvmExit>;
}

/**
 * The data directory's layout: `server.properties` (rewritten on each start), `data/` (Kafka's
 * log.dirs: partitions, metadata log, meta.properties) and `logs/server.log`.
 */
export function dataDirLayout(dataDir: string) {
  return {
    properties: path.join(dataDir, 'server.properties'),
    logDir: path.join(dataDir, 'data'),
    metaProperties: path.join(dataDir, 'data', 'meta.properties'),
    /** The SCRAM users the data directory was formatted with (names only). */
    scramUsers: path.join(dataDir, 'scram-users.json'),
    appLogsDir: path.join(dataDir, 'logs'),
  };
}

export function serverJvmArgs(heapOpts: string, appLogsDir: string): string[] {
  return [
    ...splitOptions(heapOpts),
    // kafka-run-class.sh's performance options.
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${appLogsDir}`,
    `-Dlog4j2.configurationFile=${LOG4J2_SERVER_CONFIG}`,
    ...splitOptions(process.env.KAFKA_OPTS),
  ];
}

/** Fetches the jars if need be, formats a new data directory, starts Kafka, waits for clients. */
export async function startKafkaServer(options: KafkaServerOptions): Promise<KafkaServer> {
  const { port, controllerPort } = options;
  const throwIfAborted = () => options.signal?.throwIfAborted();
  const libDir = await ensureKafkaJars(options);
  await checkJava();
  throwIfAborted();
  for (const [name, value] of [
    ['port', port],
    ['controller port', controllerPort],
  ] as const) {
    if (!(await isPortFree(value))) throw new Error(`kafka: ${name} 127.0.0.1:${value} is in use`);
  }

  const layout = dataDirLayout(path.resolve(options.dataDir));
  mkdirSync(layout.logDir, { recursive: true });
  mkdirSync(layout.appLogsDir, { recursive: true });
  const { sasl } = options;
  writeFileSync(
    layout.properties,
    serverProperties({
      port,
      controllerPort,
      logDir: layout.logDir,
      ...(sasl ? { sasl: { operator: sasl.operator } } : {}),
    }),
    { mode: 0o600 },
  );
  // It may hold the operator's password (the broker's own SASL login).
  chmodSync(layout.properties, 0o600);
  const output = options.jvmOutputFd ?? 2;

  if (!existsSync(layout.metaProperties)) {
    const clusterId = newClusterId();
    const format = await spawnJvm({
      libDir,
      mainClass: KAFKA_TOOLS['kafka-storage'],
      args: [
        'format',
        '--cluster-id',
        clusterId,
        '--config',
        layout.properties,
        ...(sasl?.users ?? []).flatMap(({ name, password }) => [
          '--add-scram',
          `${SASL_MECHANISM}=[name=${name},password=${password}]`,
        ]),
      ],
      jvmArgs: toolJvmArgs('kafka-storage'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let formatOutput = '';
    format.child.stdout?.on('data', (chunk: Buffer) => (formatOutput += chunk.toString()));
    format.child.stderr?.on('data', (chunk: Buffer) => (formatOutput += chunk.toString()));
    const onAbort = () => format.child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort);
    const formatted = await format.exited;
    options.signal?.removeEventListener('abort', onAbort);
    throwIfAborted();
    if (formatted.code !== 0) {
      throw new Error(`kafka: formatting ${layout.logDir} failed:\n${formatOutput.trim()}`);
    }
    writeFileSync(layout.scramUsers, JSON.stringify((sasl?.users ?? []).map(({ name }) => name)));
  } else if (sasl) {
    requireFormattedUsers(layout.scramUsers, sasl.users, options.dataDir);
  }

  const heapOpts = options.heapOpts ?? process.env.KAFKA_HEAP_OPTS ?? DEFAULT_HEAP_OPTS;
  const jvm = await spawnJvm({
    libDir,
    mainClass: 'kafka.Kafka',
    args: [layout.properties],
    jvmArgs: serverJvmArgs(heapOpts, layout.appLogsDir),
    stdio: ['ignore', output, output],
  });
  const stop = async (graceMs = 60_000): Promise<JvmExit> => {
    if (jvm.running) jvm.child.kill('SIGTERM');
    const timer = setTimeout(() => jvm.child.kill('SIGKILL'), graceMs);
    const exit = await jvm.exited;
    clearTimeout(timer);
    return exit;
  };

  let exitedEarly: JvmExit | undefined;
  void jvm.exited.then((exit) => (exitedEarly = exit));
  try {
    await waitFor(
      `Apache Kafka to answer on 127.0.0.1:${port}`,
      async () => {
        throwIfAborted();
        if (exitedEarly) {
          throw new Error(
            `kafka: the JVM exited during start (code ${exitedEarly.code}, signal ` +
              `${exitedEarly.signal}); see ${path.join(layout.appLogsDir, 'server.log')}`,
          );
        }
        return kafkaAnswers(
          port,
          '127.0.0.1',
          sasl && {
            mechanism: 'scram-sha-512',
            username: sasl.operator.name,
            password: sasl.operator.password,
          },
        );
      },
      options.readyTimeoutMs ?? 180_000,
      250,
    );
  } catch (error) {
    await stop(10_000);
    throw error;
  }
  return { brokers: `127.0.0.1:${port}`, port, controllerPort, jvm, stop };
}

/**
 * SCRAM users are created when the data directory is formatted: a directory formatted without
 * one of them cannot authenticate it. Say so rather than let the client fail with a bare
 * authentication error.
 */
function requireFormattedUsers(file: string, users: readonly ScramUser[], dataDir: string): void {
  let formatted: string[] = [];
  try {
    formatted = JSON.parse(readFileSync(file, 'utf8')) as string[];
  } catch {
    // Formatted before SCRAM users were recorded: none.
  }
  const missing = users.map(({ name }) => name).filter((name) => !formatted.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `kafka: ${dataDir} was formatted without the SCRAM user(s) ${missing.join(', ')}: ` +
        'delete it to start afresh, or start without SASL (npm start -- --no-auth)',
    );
  }
}

/**
 * 16 random bytes, base64url, as `kafka-storage random-uuid` prints, and like Kafka's
 * Uuid.randomUuid never starting with '-': the format tool's argument parser takes such a value
 * for an option ("argument --cluster-id/-t: expected one argument"), one start in 64.
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_PARTITIONS } from '@fanout/contracts';
import {
  type ApacheKafka,
  createAclsAsOperator,
  createTopicsAsOperator,
  embeddedBrokerAuthArgs,
  fanoutTopics,
  type KafkaAuth,
  kafkajsSasl,
  prepareKafkaAuth,
  startApacheKafka,
} from '@fanout/kafka-runner';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import { eventually } from '@fanout/testing';

/** Which Kafka the end-to-end suites run against: `E2E_BROKER=embedded|apache`. */
export type BrokerKind = 'embedded' | 'apache';

export function brokerKind(): BrokerKind {
  const value = process.env['E2E_BROKER'] || 'embedded';
  if (value !== 'embedded' && value !== 'apache') {
    throw new Error(`E2E_BROKER must be embedded or apache, not ${value}`);
  }
  return value;
}

/** For test names: "embedded broker" or "Apache Kafka". */
export function brokerLabel(kind: BrokerKind = brokerKind()): string {
  return kind === 'apache' ? 'Apache Kafka' : 'embedded broker';
}

/**
 * A broker in its own process that a scenario can stop and start again: on the same port and
 * data directory, as a broker that was down for a while would come back. It authenticates and
 * authorizes as `npm start`'s does (SASL SCRAM-SHA-512, ACLs derived from the contracts, one
 * principal per service and the operator as super user), with the same code
 * (@fanout/kafka-runner's kafka-auth); a restart keeps the principals and ACLs.
 */
export interface TestBroker {
  readonly kind: BrokerKind;
  /** `host:port`, for KAFKA_BROKERS. */
  readonly brokers: string;
  /** Its principals and their passwords (the operator's and each service's). */
  readonly auth: KafkaAuth;
  /** Starts it (again); resolves once clients can use it. */
  start(): Promise<void>;
  /** A clean shutdown; resolves once the process is gone. Nothing when it is not running. */
  stop(): Promise<void>;
  logTail(): string;
}

// A JVM on a loaded 2-core machine: Apache Kafka's own runner allows 180 s to be ready.
const APACHE_READY_MS = 180_000;
const EMBEDDED_READY_MS = 60_000;

/**
 * What a system's start-up hook should allow for its broker on top of the services: Apache
 * Kafka's JVM took 60 s to be ready at a load of 30 on 2 cores (about 15 s when quiet), then its
 * topics and the 50 partitions of __consumer_offsets are created; the embedded broker is up in
 * about a second.
 */
export function brokerStartAllowanceMs(kind: BrokerKind = brokerKind()): number {
  return kind === 'apache' ? APACHE_READY_MS : 0;
}

/**
 * The broker E2E_BROKER names, in `workDir` (the credentials in workDir/kafka-auth), not started
 * yet: its first start() also creates Fanout's topics as the operator, since no service may.
 */
export async function createTestBroker(workDir: string): Promise<TestBroker> {
  const auth = await prepareKafkaAuth(workDir);
  return brokerKind() === 'apache'
    ? ApacheTestBroker.create(workDir, auth)
    : EmbeddedTestBroker.create(workDir, auth);
}

/** libs/broker's CLI as a child process. */
class EmbeddedTestBroker implements TestBroker {
  readonly kind = 'embedded';
  readonly brokers: string;
  private topicsCreated = false;

  private constructor(
    private readonly process: NodeProcess,
    private readonly port: number,
    readonly auth: KafkaAuth,
  ) {
    this.brokers = `127.0.0.1:${port}`;
  }

  static async create(workDir: string, auth: KafkaAuth): Promise<EmbeddedTestBroker> {
    const port = await findFreePort();
    const dataDir = path.join(workDir, 'broker');
    mkdirSync(dataDir, { recursive: true });
    const process = new NodeProcess(
      'broker',
      'libs/broker/src/cli/main.ts',
      [
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--log-level',
        'warn',
        ...embeddedBrokerAuthArgs(auth),
      ],
      {},
      path.join(workDir, 'broker.log'),
    );
    return new EmbeddedTestBroker(process, port, auth);
  }

  async start(): Promise<void> {
    this.process.start();
    await eventually(() => canConnect('127.0.0.1', this.port), {
      timeoutMs: EMBEDDED_READY_MS,
      description: 'broker listening',
      giveUpIf: () =>
        this.process.running ? undefined : `broker exited:\n${this.process.logTail()}`,
    });
    if (!this.topicsCreated) {
      await prepareFanoutBroker(this.kind, this.brokers, this.auth);
      this.topicsCreated = true;
    }
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  logTail(): string {
    return this.process.logTail();
  }
}

/**
 * Apache Kafka (tools/kafka, KRaft, auto-creation off) on free ports in the work directory. The
 * first start creates the topics as docker-compose.yml's kafka-topics job does; a restart reuses
 * the data directory and both ports.
 */
class ApacheTestBroker implements TestBroker {
  readonly kind = 'apache';
  readonly brokers: string;
  private kafka: ApacheKafka | undefined;
  private topicsCreated = false;

  private constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private readonly controllerPort: number,
    readonly auth: KafkaAuth,
  ) {
    this.brokers = `127.0.0.1:${port}`;
  }

  static async create(workDir: string, auth: KafkaAuth): Promise<ApacheTestBroker> {
    const port = await findFreePort();
    let controllerPort = await findFreePort();
    while (controllerPort === port) controllerPort = await findFreePort();
    return new ApacheTestBroker(path.join(workDir, 'kafka'), port, controllerPort, auth);
  }

  async start(): Promise<void> {
    if (this.kafka) return;
    this.kafka = await startApacheKafka({
      dataDir: this.dataDir,
      port: this.port,
      controllerPort: this.controllerPort,
      readyTimeoutMs: APACHE_READY_MS,
      auth: this.auth,
    });
    if (!this.topicsCreated) {
      try {
        // Kafka keeps the ACLs in its metadata log: added once, as compose's init job does.
        await prepareFanoutBroker(this.kind, this.brokers, this.auth);
      } catch (error) {
        await this.stop();
        throw error;
      }
      this.topicsCreated = true;
    }
  }

  async stop(): Promise<void> {
    const kafka = this.kafka;
    this.kafka = undefined;
    await kafka?.stop();
  }

  logTail(): string {
    return this.kafka?.logTail() ?? '';
  }
}

/**
 * What `npm start` does to its broker before the services start (and docker-compose.yml's init
 * job to Apache Kafka): the topics and their dead-letter topics, created as the operator (one
 * CreateTopics request, not a JVM per topic), the services' ACLs where the broker keeps them in
 * its metadata (Apache Kafka; the embedded broker reads them from its --acls file), then a check
 * of the partition counts and, on Apache Kafka, a warm group coordinator.
 */
async function prepareFanoutBroker(
  kind: BrokerKind,
  brokers: string,
  auth: KafkaAuth,
): Promise<void> {
  await createTopicsAsOperator(brokers, auth.operator);
  if (kind === 'apache') await createAclsAsOperator(brokers, auth.operator);
  const kafka = new Kafka({
    clientId: 'e2e-topics',
    brokers: brokers.split(','),
    sasl: kafkajsSasl(auth.operator),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: fanoutTopics() });
    for (const topic of metadata.topics) {
      if (topic.partitions.length !== TOPIC_PARTITIONS) {
        throw new Error(`${topic.name} has ${topic.partitions.length} partitions`);
      }
    }
    if (kind !== 'apache') return;
    // Apache Kafka creates __consumer_offsets (50 partitions) when a group coordinator is first
    // looked up, and answers COORDINATOR_NOT_AVAILABLE until they have leaders (16 s on a busy
    // machine; kafkajs gives up sooner). Done here, the services' first join does not wait on it.
    await eventually(() => admin.describeGroups(['e2e-warm-up']).then(() => true), {
      timeoutMs: APACHE_READY_MS,
      intervalMs: 500,
      description: 'the group coordinator (__consumer_offsets) of Apache Kafka',
    });
  } finally {
    await admin.disconnect();
  }
}

export function canConnect(host: string, port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(undefined));
  });
}

import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
  type SASLOptions,
} from 'kafkajs';
import { TOPIC_PARTITIONS, Topics } from '@fanout/contracts';
import { buildService } from '@fanout/build';
import {
  type ApacheKafka,
  fanoutAcls,
  kafkajsSasl,
  type KafkaAuth,
  OPERATOR,
  SASL_MECHANISM,
  startApacheKafka,
} from '@fanout/kafka-runner';
import {
  eventually,
  startEmbeddedTestPostgres,
  type TestPostgres,
  waitUntilHealthy as waitUntilServiceHealthy,
} from '@fanout/testing';
import { describeGroup, splitProblem } from '../scaling/support/group-members';
import { type ComposeDocument, readComposeDocument } from './support/compose-document';
import { wiringProblems } from './support/compose-wiring';
import { aclKey, scramUsers } from './support/kafka-security';
import {
  COMPOSE_FILE,
  FANOUT_CONSOLE,
  FANOUT_SERVICES,
  FANOUT_WIRING,
  REPO_ROOT,
} from './support/fanout-expectations';
import { type LocalContainer, LocalCompose } from './support/local-compose';
import { initialiseLikePostgresImage } from './support/postgres-image-init';
import { SessionClient } from './support/session-client';
import { IMAGE_KAFKA_TOOLS, type ImageKafkaTool, runTopicJob } from './support/topic-job';

jest.setTimeout(240_000);

/**
 * The name of a kafkajs protocol constant: typed as enums, they are plain objects at run time,
 * without the reverse names an enum would have.
 */
const nameOf = (constants: object, value: number) =>
  Object.entries(constants).find(([, code]) => code === value)?.[0];

/** A JVM to start, a topic job of ten JVMs and four services, on a loaded 2-core machine. */
const SET_UP_TIMEOUT_MS = 900_000;
const HEALTHY_TIMEOUT_MS = 180_000;

/** The README's order: the customer is the caller, the price the catalogue's. */
const ORDER = { items: [{ sku: 'KEYBOARD-01', quantity: 1 }] };

/**
 * docker-compose.yml, run as far as a machine without a container engine can: the file is read
 * and interpolated as `docker compose` reads it, Apache Kafka started with SASL SCRAM-SHA-512, the
 * StandardAuthorizer and the SCRAM users the file formats its volume with (the static check holds
 * the file's listeners and authoriser to that), PostgreSQL initialised as the postgres image does
 * with the file's init script, the topic job's own command run with Kafka's own kafka-topics and
 * kafka-acls (the topics and ACLs, as the operator), and
 * each service started with exactly the command and environment compose gives its container (see
 * LocalCompose for the stand-ins: compose host names → the local Apache Kafka and PostgreSQL), and
 * the console after them, its service URLs → where they run here. Then the README's "Run with
 * Docker" session.
 */
describe('docker-compose.yml wired up on Apache Kafka and PostgreSQL, without Docker', () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-compose-'));
  let kafka: ApacheKafka | undefined;
  let postgres: TestPostgres | undefined;
  let compose: ComposeDocument;
  let local: LocalCompose;
  let addresses: Record<string, string> = {};
  const running: LocalContainer[] = [];
  const urls = {} as Record<(typeof FANOUT_SERVICES)[number], string>;
  const api = new SessionClient(urls);
  /** The console's base URL, as compose publishes it on 3004. */
  let consoleUrl = '';
  /** The file's SCRAM users: what the services and the job log in with. */
  let users = new Map<string, string>();
  const saslOf = (name: string): SASLOptions =>
    kafkajsSasl({ username: name, password: users.get(name) ?? '' });

  beforeAll(async () => {
    // The file as `docker compose up` reads it, with no variables set in the shell.
    compose = readComposeDocument(COMPOSE_FILE, {});
    expect(await wiringProblems(compose, FANOUT_WIRING)).toEqual([]);

    // The users the file formats Kafka's volume with, as tools/kafka's --sasl-users-file.
    const broker = compose.services['kafka'];
    if (!broker) throw new Error('docker-compose.yml has no service kafka');
    users = scramUsers(broker, SASL_MECHANISM);
    const authDir = path.join(workDir, 'kafka-auth');
    mkdirSync(authDir, { recursive: true, mode: 0o700 });
    const usersFile = path.join(authDir, 'users.json');
    writeFileSync(
      usersFile,
      JSON.stringify({ users: [...users].map(([name, password]) => ({ name, password })) }),
      { mode: 0o600 },
    );
    const credential = (name: string) => ({ username: name, password: users.get(name) ?? '' });
    const auth: KafkaAuth = {
      dir: authDir,
      usersFile,
      aclsFile: path.join(authDir, 'acls.json'),
      operator: credential(OPERATOR),
      services: Object.fromEntries(
        FANOUT_SERVICES.map((name) => [name, credential(name)]),
      ) as KafkaAuth['services'],
    };

    [kafka, postgres] = await Promise.all([
      startApacheKafka({ dataDir: path.join(workDir, 'kafka'), readyTimeoutMs: 180_000, auth }),
      startEmbeddedTestPostgres(),
      // The Dockerfile's build stage: the images run dist/apps/<service>/main.js, compiled here
      // by the same build into the repository's dist/ (the image's /app is the repository).
      ...[...FANOUT_SERVICES, FANOUT_CONSOLE].map((service) => buildService(REPO_ROOT, service)),
    ]);
    // As the Dockerfile's console target: the page beside the compiled main.ts that serves it.
    cpSync(
      path.join(REPO_ROOT, 'apps/console/src/public'),
      path.join(REPO_ROOT, 'dist/apps/console/apps/console/src/public'),
      { recursive: true },
    );
    // The stand-ins for compose's host names: the only addresses changed.
    addresses = {
      'kafka:9092': kafka.brokers,
      'postgres:5432': new URL(postgres.url).host,
    };
    local = new LocalCompose(compose, addresses, workDir);
    await initialiseLikePostgresImage(local.service('postgres'), postgres.url);

    // The topic job's own script, with this machine's Kafka tools in place of the image's.
    const tools = Object.fromEntries(
      IMAGE_KAFKA_TOOLS.map((tool) => {
        const file = path.join(workDir, tool);
        writeFileSync(
          file,
          `#!/bin/sh\ncd '${REPO_ROOT}' && NODE_OPTIONS= exec '${process.execPath}' -r @swc-node/register tools/kafka/src/tool-main.ts ${tool} "$@"\n`,
        );
        chmodSync(file, 0o755);
        return [tool, file];
      }),
    ) as Record<ImageKafkaTool, string>;
    const job = await runTopicJob(local.service('kafka-topics'), tools, addresses);
    if (job.code !== 0) throw new Error(`kafka-topics job exited ${job.code}:\n${job.output}`);

    // As the README's `npm run -s token` before `docker compose up`: the JWKS compose mounts.
    await api.prepareTokens();
    for (const name of FANOUT_SERVICES) {
      const started = await start(name);
      urls[name] = started.url;
    }
    await Promise.all(running.map(waitUntilHealthy));

    // The console waits for the services (depends_on): their compose addresses → where they run.
    const serviceAddresses = Object.fromEntries(
      FANOUT_SERVICES.map((name) => [
        `${name}:${compose.services[name]?.environment['PORT'] ?? ''}`,
        new URL(urls[name]).host,
      ]),
    );
    const consoleLocal = new LocalCompose(compose, { ...addresses, ...serviceAddresses }, workDir);
    const started = await consoleLocal.container(FANOUT_CONSOLE);
    started.container.start();
    running.push(started);
    await waitUntilHealthy(started);
    consoleUrl = started.url;
  }, SET_UP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(running.map(({ container }) => container.stop()));
    await kafka?.stop();
    await postgres?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  async function start(name: string): Promise<LocalContainer> {
    const started = await local.container(name);
    started.container.start();
    running.push(started);
    return started;
  }

  const waitUntilHealthy = ({ container, url }: LocalContainer): Promise<void> =>
    waitUntilServiceHealthy(container, `${url}/health`, HEALTHY_TIMEOUT_MS);

  const placeOrder = () => api.placeOrder(ORDER);

  const client = (sasl?: SASLOptions) =>
    new Kafka({
      brokers: [kafka?.brokers ?? ''],
      sasl,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });

  it("the topic job created every topic with Kafka's kafka-topics, as the file says", async () => {
    const admin = client(saslOf(OPERATOR)).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...FANOUT_WIRING.topics] });
      expect(topics.map((topic) => topic.name).sort()).toEqual([...FANOUT_WIRING.topics].sort());
      for (const topic of topics) expect(topic.partitions).toHaveLength(TOPIC_PARTITIONS);
    } finally {
      await admin.disconnect();
    }
  });

  it("the topic job added exactly the contracts' ACLs with Kafka's kafka-acls, as the operator", async () => {
    const admin = client(saslOf(OPERATOR)).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const held = resources.flatMap((resource) =>
        resource.acls.map((acl) =>
          aclKey({
            resourceType: nameOf(AclResourceTypes, resource.resourceType) as 'TOPIC' | 'GROUP',
            resourceName: resource.resourceName,
            patternType: 'LITERAL',
            principal: acl.principal,
            host: '*',
            operation: nameOf(AclOperationTypes, acl.operation) as 'READ' | 'WRITE' | 'DESCRIBE',
            permissionType: 'ALLOW',
          }),
        ),
      );
      expect(held.sort()).toEqual(fanoutAcls().map(aclKey).sort());
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses a client without credentials or with a wrong password, and a service writing a topic that is not its own', async () => {
    const produce = async (sasl: SASLOptions | undefined) => {
      const producer = client(sasl).producer();
      try {
        await producer.connect();
        await producer.send({ topic: Topics.orders, messages: [{ value: 'forged' }] });
      } finally {
        await producer.disconnect();
      }
    };
    // No SASL on a SASL listener: the broker closes the connection before any request.
    await expect(produce(undefined)).rejects.toThrow();
    await expect(
      produce(kafkajsSasl({ username: 'orders', password: 'guessed' })),
    ).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    // payments' own login, from the file: it may write payments, never orders.
    await expect(produce(saslOf('payments'))).rejects.toMatchObject({
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });

  it('completes an order', async () => {
    const orderId = await placeOrder();
    expect(await api.finalStatus(orderId, 60_000)).toBe('COMPLETED');
  });

  it("runs the console as its read-only principal, without the launcher's controls", async () => {
    // Healthy: its group `console` joined with READ on the topics and its group alone.
    const state = async () =>
      (await (await fetch(`${consoleUrl}/api/state`)).json()) as {
        controls: { launcher: boolean };
        orders: { orderId: string; status: string }[];
        services: { service: string; instances: { status: string }[] }[];
      };
    expect((await state()).controls).toEqual({ launcher: false });
    const stop = await fetch(`${consoleUrl}/api/services/payments/stop`, { method: 'POST' });
    expect(stop.status).toBe(503);

    const orderId = await placeOrder();
    expect(await api.finalStatus(orderId, 60_000)).toBe('COMPLETED');
    await eventually(
      async () => {
        const { orders, services } = await state();
        const seen = orders.find((order) => order.orderId === orderId)?.status === 'COMPLETED';
        const up = services.every(({ instances }) => instances.every((i) => i.status === 'up'));
        return seen && up && services.length === FANOUT_SERVICES.length ? true : undefined;
      },
      { timeoutMs: 60_000, description: 'the order COMPLETED on the console, every service up' },
    );
  });

  it('keeps new orders PENDING while payments is stopped, and completes them once it starts', async () => {
    const payments = running.find(({ url }) => url === urls.payments);
    if (!payments) throw new Error('payments is not running');
    await payments.container.stop(); // docker compose stop payments

    const orderId = await placeOrder();
    // Inventory and notifications carry on without payments.
    await eventually(
      async () =>
        (await api.countFor('inventory', 'reservations', orderId)) > 0 &&
        (await api.countFor('notifications', 'notifications', orderId)) > 0
          ? true
          : undefined,
      { timeoutMs: 60_000, description: 'reservation and notification without payments' },
    );
    expect(await api.orderStatus(orderId)).toBe('PENDING');

    payments.container.start(); // docker compose start payments
    await waitUntilHealthy(payments);
    expect(await api.finalStatus(orderId, 90_000)).toBe('COMPLETED');
  });

  it('splits the six partitions of orders among three inventory instances', async () => {
    // `INVENTORY_WORK_MS=200 docker compose up -d --scale inventory=3`: the file read again with
    // the variable set, inventory recreated with it, and two more instances.
    const scaled = readComposeDocument(COMPOSE_FILE, { INVENTORY_WORK_MS: '200' });
    expect(scaled.services['inventory']?.environment['INVENTORY_WORK_MS']).toBe('200');
    const scaledLocal = new LocalCompose(
      scaled,
      { 'kafka:9092': kafka?.brokers ?? '', 'postgres:5432': new URL(postgres?.url ?? '').host },
      workDir,
    );
    const first = running.find(({ url }) => url === urls.inventory);
    await first?.container.stop();
    const instances = await Promise.all([1, 2, 3].map(() => scaledLocal.container('inventory')));
    for (const instance of instances) {
      instance.container.start();
      running.push(instance);
    }
    await Promise.all(instances.map(waitUntilHealthy));
    urls.inventory = instances[0]?.url ?? '';

    await eventually(
      async () => {
        const group = await describeGroup(
          kafka?.brokers ?? '',
          'inventory',
          Topics.orders,
          saslOf(OPERATOR),
        );
        return splitProblem(group, 3, TOPIC_PARTITIONS) ? undefined : group;
      },
      {
        timeoutMs: 90_000,
        intervalMs: 500,
        description: 'three inventory members, two partitions each',
      },
    );
    const orderIds = await Promise.all([1, 2, 3, 4, 5, 6].map(() => placeOrder()));
    for (const orderId of orderIds) {
      expect(await api.finalStatus(orderId, 90_000)).toBe('COMPLETED');
    }
  });
});

/**
 * `npm start`: the embedded broker, one embedded PostgreSQL server (postgres-main.ts) and the
 * Fanout services as separate processes, their logs interleaved with one coloured prefix per
 * process, stopped cleanly on Ctrl-C or a closed terminal: the services first, then the broker and
 * PostgreSQL. Should the launcher die without stopping them, they stop themselves
 * (parent-watch.ts), in the same order.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { defaultAppPorts } from '@fanout/contracts';
import { createTopicsWithKafkaTool } from './apache-kafka-topics';
import {
  waitForApacheKafkaAddress,
  waitForBrokerAddress,
  waitForPostgresAddress,
} from './broker-process';
import { type ApiIssuer, prepareApiIssuer } from './api-issuer';
import { EMBEDDED_POSTGRES_PORT, embeddedAdminUrl } from './embedded-postgres';
import {
  apacheKafkaAuthArgs,
  authenticatedBrokerOf,
  createAclsAsOperator,
  createTopicsAsOperator,
  embeddedBrokerAuthArgs,
  type KafkaAuth,
  OPERATOR,
  prepareKafkaAuth,
  removeOperatorClientFiles,
  SASL_MECHANISM,
  serviceKafkaEnv,
  writeOperatorClientFiles,
} from '@fanout/kafka-runner';
import {
  CONTROL_PORT,
  ControlError,
  type ControlInstance,
  type LauncherControls,
  startControlServer,
} from './control-server';
import { waitForCatalogue, waitForHealthy } from './health-waiter';
import {
  embeddedBrokerPort,
  type InstancePlanContext,
  instanceLabel,
  planInstances,
  planSlots,
  replicasWithoutSharedDatabase,
  ServiceInstance,
} from './instance-plan';
import {
  LauncherArgsError,
  LauncherOptions,
  MAX_REPLICAS,
  parseLauncherArgs,
  USAGE,
} from './launcher-args';
import {
  COMPILED_SOURCES,
  type CompiledTree,
  PARENT_WATCH_SOURCE,
  prepareCompiledTree,
} from './compiled-tree';
import { createLinePrefixer, LinePrefixer } from './log-prefixer';
import type { OutliveMessage } from './parent-watch';
import { PlannedPort, findPortInUse, portInUseMessage } from './port-check';
import { ensureServiceDatabases } from './postgres-databases';
import { ProcessSupervisor, SupervisedProcess } from './process-supervisor';
import { isServiceName, MANAGEMENT_PORT_OFFSET, ServiceName } from './service-catalog';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const BROKER_START_TIMEOUT_MS = 60_000;
const HEALTH_TIMEOUT_MS = 180_000;
/** Inventory seeds and publishes the catalogue at start; orders reads it in seconds when quiet. */
const CATALOGUE_TIMEOUT_MS = 180_000;
const SERVICE_STOP_GRACE_MS = 15_000;
const BROKER_STOP_GRACE_MS = 5_000;
/** A JVM: 10-30 s to start on two busy cores (more the first time, while Maven fetches jars). */
const APACHE_KAFKA_START_TIMEOUT_MS = 300_000;
const APACHE_KAFKA_STOP_GRACE_MS = 20_000;
// initdb on the first start takes a few seconds, more on a busy machine.
const POSTGRES_START_TIMEOUT_MS = 120_000;
const POSTGRES_STOP_GRACE_MS = 10_000;
const SIGNAL_ECHO_MS = 1_000;
const TS_RUNNER = ['-r', '@swc-node/register'];
/** The console's log colour (ANSI SGR): white, apart from the services'. */
const CONSOLE_COLOUR = 37;
/** The dead-letter tool and the load generator, run for the console: grey. */
const HELPER_COLOUR = 90;

class Launcher {
  private readonly supervisor = new ProcessSupervisor();
  private readonly useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  private readonly labelWidth: number;
  private readonly say: LinePrefixer;
  private broker: SupervisedProcess | undefined;
  private postgres: SupervisedProcess | undefined;
  /** How the services reach their databases, for the URLs block. */
  private databaseMode = '';
  private services: SupervisedProcess[] = [];
  /** What each of `services` runs (same index): replicas come and go with the console's controls. */
  private instances: ServiceInstance[] = [];
  private planContext: InstancePlanContext | undefined;
  private readonly replicas: Record<ServiceName, number>;
  private console: SupervisedProcess | undefined;
  private controlServer: Server | undefined;
  /** Short-lived processes the console asked for (dead-letter replay, the load generator). */
  private readonly helpers: SupervisedProcess[] = [];
  private kafkaBrokerList = '';
  /** Who signs the API's bearer tokens, and what the services are told to trust. */
  private apiIssuer: ApiIssuer = { env: {}, description: '' };
  /** The credentials the broker was started with, when it authenticates. */
  private kafkaAuth: KafkaAuth | undefined;
  private stopping: Promise<never> | undefined;
  private firstSignalAt = 0;
  private started = false;
  /** The JavaScript the long-lived children run (compiled-tree.ts); helpers run the sources. */
  private compiled: CompiledTree | undefined;

  constructor(
    private readonly options: LauncherOptions,
    private readonly dataDir: string,
  ) {
    const instanceLabels = options.services.flatMap((service) =>
      Array.from({ length: options.replicas[service] }, (_, i) => instanceLabel(service, i + 1)),
    );
    this.labelWidth = Math.max('launcher'.length, ...instanceLabels.map((label) => label.length));
    this.say = this.prefixer('launcher', 1);
    this.replicas = { ...options.replicas };
  }

  async run(): Promise<void> {
    process.on('SIGINT', () => this.onSignal('SIGINT'));
    process.on('SIGTERM', () => this.onSignal('SIGTERM'));
    // A closed terminal: nobody is watching any more, so stop as for Ctrl-C.
    process.on('SIGHUP', () => this.onSignal('SIGHUP'));
    // The same when the output goes nowhere (the terminal is gone, or `| head` has exited):
    // without a listener, the write error would crash the launcher half-way.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', () => void this.stop(0));
    }
    process.on('exit', () => this.supervisor.killAll());

    try {
      const busy = await findPortInUse(this.plannedPorts());
      if (busy) throw new Error(portInUseMessage(busy));
      this.compiled = await this.compile();
      // The broker and PostgreSQL do not need each other: both start at once.
      const [kafkaBrokers, databaseUrls] = await Promise.all([
        this.kafkaBrokers(),
        this.databaseUrls(),
      ]);
      for (const service of replicasWithoutSharedDatabase(this.options, databaseUrls)) {
        this.log(
          `warning: each ${service} replica has its own PGlite database in ${this.dataDir}; ` +
            'pass --postgres <url> so that the replicas share one',
        );
      }
      this.apiIssuer = await prepareApiIssuer(this.dataDir);
      this.kafkaBrokerList = kafkaBrokers;
      this.planContext = {
        kafkaBrokers,
        dataDir: this.dataDir,
        databaseUrls,
        kafkaEnv: this.serviceKafkaEnv(),
      };
      const instances = planInstances(this.options, this.planContext);
      this.instances = instances;
      this.services = instances.map((instance) => this.startService(instance));
      const controlToken = this.options.control ? await this.startControlServer() : undefined;
      if (this.options.console) this.console = this.startConsole(kafkaBrokers, controlToken);
      this.keepUntilServicesStop();
      await Promise.all([
        ...instances.map((instance, i) => this.waitForService(instance, this.services[i])),
        this.waitForConsole(),
      ]);
      await this.waitForCatalogue(instances);
      this.started = true;
      this.printUrls(instances, kafkaBrokers);
    } catch (error) {
      if (this.stopping) return;
      this.log(`start-up failed: ${(error as Error).message}`);
      await this.stop(1);
    }
  }

  private plannedPorts(): PlannedPort[] {
    const services = planSlots(this.options).flatMap(({ label, port }) => [
      { port, owner: label },
      { port: port + MANAGEMENT_PORT_OFFSET, owner: `${label} (metrics, docs)` },
    ]);
    const broker = process.env.KAFKA_BROKERS
      ? []
      : [
          { port: embeddedBrokerPort(this.options), owner: 'broker' },
          ...(this.options.kafka === 'apache'
            ? [{ port: this.kafkaControllerPort(), owner: 'Kafka controller' }]
            : []),
        ];
    const postgres = this.needsEmbeddedPostgres()
      ? [{ port: this.postgresPort(), owner: 'postgres' }]
      : [];
    const console = this.options.console ? [{ port: this.consolePort(), owner: 'console' }] : [];
    const control = this.options.control
      ? [{ port: this.controlPort(), owner: 'the launcher’s control endpoint' }]
      : [];
    return [...broker, ...postgres, ...services, ...console, ...control];
  }

  /** Apache Kafka's KRaft controller, next to its client port (tools/kafka's default too). */
  private kafkaControllerPort(): number {
    return embeddedBrokerPort(this.options) + 1;
  }

  private postgresPort(): number {
    return EMBEDDED_POSTGRES_PORT + this.options.portOffset;
  }

  private async startBroker(): Promise<string> {
    const auth = this.options.auth ? await prepareKafkaAuth(this.dataDir) : undefined;
    if (!auth) await removeOperatorClientFiles(this.dataDir);
    if (this.options.kafka === 'apache') return this.startApacheKafka(auth);
    const brokerDataDir = path.join(this.dataDir, 'broker');
    this.broker = this.startProcess('broker', 34, [
      'libs/broker/src/cli/main.ts',
      '--port',
      String(embeddedBrokerPort(this.options)),
      '--data-dir',
      brokerDataDir,
      ...(auth ? embeddedBrokerAuthArgs(auth) : []),
    ]);
    const address = await waitForBrokerAddress(this.broker, BROKER_START_TIMEOUT_MS);
    if (auth) {
      await writeOperatorClientFiles(auth, address);
      const created = await createTopicsAsOperator(address, auth.operator);
      if (created.length > 0) this.log(`created ${created.length} topics as ${OPERATOR}`);
      this.kafkaAuth = auth;
    }
    return address;
  }

  /** KAFKA_BROKERS (a cluster of the user's, with their own credentials if any), or a broker of ours. */
  private async kafkaBrokers(): Promise<string> {
    const external = process.env.KAFKA_BROKERS;
    if (!external) return this.startBroker();
    const hasOwnCredentials = Object.keys(process.env).some((name) =>
      name.startsWith('KAFKA_SASL_'),
    );
    // The broker of a launcher running on this data directory: its services' principals apply.
    if (!hasOwnCredentials && (await authenticatedBrokerOf(this.dataDir)) === external) {
      this.kafkaAuth = await prepareKafkaAuth(this.dataDir);
    }
    return external;
  }

  /** Each service's own principal, when the broker authenticates. */
  private serviceKafkaEnv(): Partial<Record<ServiceName, Record<string, string>>> | undefined {
    const auth = this.kafkaAuth;
    if (!auth) return undefined;
    return Object.fromEntries(
      this.options.services.map((service) => [service, serviceKafkaEnv(auth.services[service])]),
    );
  }

  /**
   * A real Apache Kafka (tools/kafka: the pinned jars, KRaft, one node) under the label `kafka`,
   * supervised like the embedded broker; then the topics, as compose's init job creates them.
   */
  private async startApacheKafka(auth: KafkaAuth | undefined): Promise<string> {
    const port = embeddedBrokerPort(this.options);
    this.broker = this.startProcess('kafka', 34, [
      'tools/kafka/src/main.ts',
      '--port',
      String(port),
      '--controller-port',
      String(this.kafkaControllerPort()),
      '--data-dir',
      path.join(this.dataDir, 'kafka'),
      ...(auth ? apacheKafkaAuthArgs(auth) : []),
    ]);
    const address = await waitForApacheKafkaAddress(this.broker, APACHE_KAFKA_START_TIMEOUT_MS);
    if (!auth) {
      await createTopicsWithKafkaTool(address, (line) => this.log(line));
      return address;
    }
    // Through the protocol as the operator: no JVM per topic, and the ACLs the same way.
    await writeOperatorClientFiles(auth, address);
    const created = await createTopicsAsOperator(address, auth.operator);
    if (created.length > 0) this.log(`created ${created.length} topics as ${OPERATOR}`);
    await createAclsAsOperator(address, auth.operator);
    this.kafkaAuth = auth;
    return address;
  }

  /** Should the launcher die, broker and PostgreSQL stop after the services, as in stop(). */
  private keepUntilServicesStop(): void {
    const pids = [...this.services, ...(this.console ? [this.console] : [])].flatMap(({ pid }) =>
      pid === undefined ? [] : [pid],
    );
    for (const child of [this.broker, this.postgres]) {
      child?.send({ outlive: pids } satisfies OutliveMessage);
    }
  }

  /** *_DATABASE_URL (or DATABASE_URL) from the environment, for the services that have one. */
  private databaseUrlsFromEnvironment(): Partial<Record<ServiceName, string>> {
    const fromEnvironment = (service: ServiceName) =>
      process.env[`${service.toUpperCase()}_DATABASE_URL`] ?? process.env.DATABASE_URL;
    return Object.fromEntries(
      this.options.services
        .map((service) => [service, fromEnvironment(service)] as const)
        .filter(([, url]) => url !== undefined),
    );
  }

  /** The default, unless --postgres, --database pglite or the environment say otherwise. */
  private needsEmbeddedPostgres(): boolean {
    if (this.options.postgresUrl || this.options.database !== 'postgres') return false;
    const fromEnvironment = this.databaseUrlsFromEnvironment();
    return this.options.services.some((service) => fromEnvironment[service] === undefined);
  }

  private async databaseUrls(): Promise<Partial<Record<ServiceName, string>>> {
    if (this.options.postgresUrl) {
      this.databaseMode = `${redactPassword(this.options.postgresUrl)} (--postgres: a database per service)`;
      return ensureServiceDatabases(this.options.postgresUrl, this.options.services);
    }
    const fromEnvironment = this.databaseUrlsFromEnvironment();
    if (!this.needsEmbeddedPostgres()) {
      const pglite = this.options.services.filter((service) => !fromEnvironment[service]);
      this.databaseMode =
        pglite.length === 0
          ? 'PostgreSQL URLs from the environment (*_DATABASE_URL, DATABASE_URL)'
          : `PGlite, one per service process, in ${path.join(this.dataDir, '<service>')}`;
      return fromEnvironment;
    }
    const address = await this.startPostgres();
    const embedded = await ensureServiceDatabases(
      embeddedAdminUrl(this.dataDir, Number(address.split(':')[1])),
      this.options.services.filter((service) => fromEnvironment[service] === undefined),
      { rolePerService: true },
    );
    this.databaseMode =
      `postgres://${address} (embedded PostgreSQL, data in ${path.join(this.dataDir, 'postgres')}; ` +
      'database and role fanout_<service> per service)';
    return { ...embedded, ...fromEnvironment };
  }

  private async startPostgres(): Promise<string> {
    this.postgres = this.startProcess('postgres', 94, [
      'tools/launcher/src/postgres-main.ts',
      '--data-dir',
      this.dataDir,
      '--port',
      String(this.postgresPort()),
    ]);
    return waitForPostgresAddress(this.postgres, POSTGRES_START_TIMEOUT_MS);
  }

  private consolePort(): number {
    return defaultAppPorts.console + this.options.portOffset;
  }

  private controlPort(): number {
    return CONTROL_PORT + this.options.portOffset;
  }

  /**
   * The console (apps/console) with its own Kafka principal (read every topic, describe the
   * groups), the services' URLs, and the control endpoint's address and token when it is on.
   */
  private startConsole(kafkaBrokers: string, controlToken: string | undefined): SupervisedProcess {
    const firstOf = (service: ServiceName) =>
      this.instances.find((instance) => instance.service === service && instance.replica === 1);
    const serviceUrls = Object.fromEntries(
      this.options.services.flatMap((service) => {
        const instance = firstOf(service);
        return instance
          ? [[`${service.toUpperCase()}_URL`, `http://127.0.0.1:${instance.port}`]]
          : [];
      }),
    );
    const consoleCredential = this.kafkaAuth?.console;
    return this.startProcess('console', CONSOLE_COLOUR, ['apps/console/src/main.ts'], {
      PORT: String(this.consolePort()),
      // Its page stays with the sources: the compiled tree holds JavaScript only.
      CONSOLE_PUBLIC_DIR: path.join(REPO_ROOT, 'apps/console/src/public'),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: kafkaBrokers,
      ...(consoleCredential ? serviceKafkaEnv(consoleCredential) : {}),
      ...serviceUrls,
      ...(controlToken
        ? {
            LAUNCHER_CONTROL_URL: `http://127.0.0.1:${this.controlPort()}`,
            LAUNCHER_CONTROL_TOKEN: controlToken,
          }
        : {}),
    });
  }

  private async waitForConsole(): Promise<void> {
    const console = this.console;
    if (!console) return;
    try {
      await waitForHealthy(`http://127.0.0.1:${this.consolePort()}/health`, {
        timeoutMs: HEALTH_TIMEOUT_MS,
        isAlive: () => console.running,
      });
    } catch (error) {
      if (console.running) throw error;
      const { code, signal } = await console.exited;
      throw new Error(`console exited (code ${code}, signal ${signal}) before it was healthy`);
    }
  }

  /** Loopback only, with a token generated now and given to the console alone. */
  private async startControlServer(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    this.controlServer = await startControlServer(this.controlPort(), token, this.controls());
    return token;
  }

  private controls(): LauncherControls {
    const serviceOf = (name: string): ServiceName => {
      if (!isServiceName(name) || !this.options.services.includes(name)) {
        throw new ControlError(404, `${name} is not a service of this run`);
      }
      return name;
    };
    return {
      services: () =>
        this.options.services.map((service) => ({
          service,
          instances: this.instances.flatMap((instance, i): ControlInstance[] =>
            instance.service === service
              ? [
                  {
                    label: instance.label,
                    url: `http://127.0.0.1:${instance.port}`,
                    running: this.services[i].running,
                  },
                ]
              : [],
          ),
        })),
      stop: async (name) => {
        const service = serviceOf(name);
        this.log(`stopping ${service} (asked by the console)`);
        await this.supervisor.stop(
          this.services.filter((_, i) => this.instances[i].service === service),
          SERVICE_STOP_GRACE_MS,
        );
      },
      start: async (name) => this.startStopped(serviceOf(name)),
      scale: async (name, replicas) => this.scale(serviceOf(name), replicas),
      customerToken: async (customer) => {
        const signer = this.apiIssuer.signer;
        if (!signer) {
          throw new ControlError(409, 'the services trust your own issuer (AUTH_*): no token here');
        }
        return signer.sign({ subject: customer, roles: ['customer'] });
      },
      replayDeadLetters: async ({ topic, eventId, group }) =>
        this.runHelper('dlt', [
          'tools/dlt/src/main.ts',
          'replay',
          topic,
          ...(eventId ? ['--event', eventId] : []),
          ...(group ? ['--group', group] : []),
        ]),
      load: ({ rate, duration }) => {
        const orders = this.instances.find((instance) => instance.service === 'orders');
        if (!orders) throw new ControlError(409, 'orders does not run here');
        void this.runHelper('load', [
          'bench/orders/load.ts',
          '--rate',
          String(rate),
          '--duration',
          String(duration),
          '--url',
          `http://127.0.0.1:${orders.port}`,
          '--brokers',
          this.kafkaBrokerList,
        ]).catch((error: unknown) => this.log(`load: ${(error as Error).message}`));
      },
    };
  }

  /** Starts again the instances of a service that were stopped (by the console, or a crash). */
  private startStopped(service: ServiceName): void {
    this.log(`starting ${service} (asked by the console)`);
    this.instances.forEach((instance, i) => {
      if (instance.service === service && !this.services[i].running) {
        this.services[i] = this.startService(instance);
      }
    });
    this.keepUntilServicesStop();
  }

  /**
   * Replicas join or leave the service's consumer group, which rebalances its partitions. They
   * share the service's database only with PostgreSQL (PGlite is one process's).
   */
  private async scale(service: ServiceName, replicas: number): Promise<void> {
    const context = this.planContext;
    if (!context) throw new ControlError(409, 'the launcher is still starting');
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new ControlError(400, `replicas must be between 1 and ${MAX_REPLICAS}`);
    }
    this.log(`scaling ${service} to ${replicas} (asked by the console)`);
    this.replicas[service] = replicas;
    const extra = this.instances.flatMap((instance, i) =>
      instance.service === service && instance.replica > replicas ? [i] : [],
    );
    await this.supervisor.stop(
      extra.map((i) => this.services[i]),
      SERVICE_STOP_GRACE_MS,
    );
    this.instances = this.instances.filter((_, i) => !extra.includes(i));
    this.services = this.services.filter((_, i) => !extra.includes(i));
    const planned = planInstances({ ...this.options, replicas: this.replicas }, context);
    for (const instance of planned.filter((p) => p.service === service)) {
      const index = this.instances.findIndex((known) => known.label === instance.label);
      if (index < 0) {
        this.instances.push(instance);
        this.services.push(this.startService(instance));
      } else if (!this.services[index].running) {
        this.services[index] = this.startService(instance);
      }
    }
    this.keepUntilServicesStop();
  }

  /** A tool run to its end with the operator's credentials (DATA_DIR's operator.env); its output. */
  private async runHelper(label: string, args: string[]): Promise<string> {
    const helper = this.startProcess(label, HELPER_COLOUR, args, {
      DATA_DIR: this.dataDir,
      KAFKA_BROKERS: this.kafkaBrokerList,
    });
    this.helpers.push(helper);
    const lines: string[] = [];
    helper.onLine((line) => lines.push(line));
    const { code } = await helper.exited;
    this.helpers.splice(this.helpers.indexOf(helper), 1);
    if (code !== 0) throw new ControlError(500, `${label} failed: ${lines.slice(-3).join(' ')}`);
    return lines.join('\n');
  }

  private startService(instance: ServiceInstance): SupervisedProcess {
    const service = this.startProcess(
      instance.label,
      instance.colour,
      [`apps/${instance.service}/src/main.ts`],
      { ...this.apiIssuer.env, ...instance.env },
    );
    void service.exited.then(({ code, signal }) => {
      // Before every service is healthy, an exit fails the start-up (waitForHealthy says so).
      if (service.stopping || this.stopping || !this.started) return;
      this.log(
        `${instance.label} exited (code ${code}, signal ${signal}); the others keep running`,
      );
      if (this.services.every((other) => !other.running)) void this.stop(1);
    });
    return service;
  }

  private async waitForService(instance: ServiceInstance, service: SupervisedProcess) {
    try {
      await waitForHealthy(`http://127.0.0.1:${instance.port}/health`, {
        timeoutMs: HEALTH_TIMEOUT_MS,
        isAlive: () => service.running,
      });
    } catch (error) {
      if (service.running) throw error;
      const { code, signal } = await service.exited;
      throw new Error(
        `${instance.label} exited (code ${code}, signal ${signal}) before it was healthy`,
      );
    }
  }

  /**
   * Healthy is not yet ready for a first order: orders refuses (422) a SKU it has no price for,
   * and learns the prices from inventory's products topic once it runs. "Fanout is running"
   * waits until the orders instance a user calls first (port 3000 by default) lists a price.
   */
  private async waitForCatalogue(instances: ServiceInstance[]): Promise<void> {
    const index = instances.findIndex((instance) => instance.service === 'orders');
    // Without inventory in this run, nothing publishes the catalogue: orders has what it has.
    if (index < 0 || !this.options.services.includes('inventory')) return;
    const signer = this.apiIssuer.signer;
    if (!signer) {
      this.log("not waiting for orders' catalogue: its tokens come from your issuer (AUTH_*)");
      return;
    }
    // Any caller with a token may read the catalogue: a customer's is enough.
    const token = await signer.sign({ subject: 'fanout-launcher', roles: ['customer'] });
    const orders = this.services[index];
    await waitForCatalogue(`http://127.0.0.1:${instances[index].port}/catalogue`, {
      timeoutMs: CATALOGUE_TIMEOUT_MS,
      isAlive: () => orders.running,
      headers: { authorization: `Bearer ${token}` },
    });
  }

  /** Compiles the children's sources unless an earlier start did (dist/start/<hash>). */
  private async compile(): Promise<CompiledTree> {
    const started = Date.now();
    const tree = await prepareCompiledTree(REPO_ROOT);
    this.log(
      tree.reused
        ? `running the services compiled in ${displayPath(tree.dir)}`
        : `compiled the services to ${displayPath(tree.dir)} in ${Date.now() - started} ms`,
    );
    return tree;
  }

  /**
   * `node` arguments for a child, the parent watch preloaded: its compiled entry, or for a
   * short-lived helper the TypeScript source under the register hook.
   */
  private nodeArgs([entry, ...rest]: string[]): string[] {
    const compiled = this.compiled;
    if (compiled && COMPILED_SOURCES.includes(entry)) {
      return ['-r', compiled.entry(PARENT_WATCH_SOURCE), compiled.entry(entry), ...rest];
    }
    return [...TS_RUNNER, '-r', path.join(REPO_ROOT, PARENT_WATCH_SOURCE), entry, ...rest];
  }

  private startProcess(
    label: string,
    colour: number,
    args: string[],
    env: Record<string, string> = {},
  ): SupervisedProcess {
    const child = this.supervisor.start({
      name: label,
      command: process.execPath,
      args: this.nodeArgs(args),
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      ipc: true,
    });
    const prefix = this.prefixer(label, colour);
    child.onLine((line) => process.stdout.write(`${prefix(line)}\n`));
    return child;
  }

  private printUrls(instances: ServiceInstance[], kafkaBrokers: string): void {
    const lines = [
      'Fanout is running:',
      ...instances.map(
        (instance) =>
          `  ${instance.label.padEnd(this.labelWidth)}  http://127.0.0.1:${instance.port}` +
          `  (/health; metrics and API docs: http://127.0.0.1:${instance.port + MANAGEMENT_PORT_OFFSET}/metrics, /docs)`,
      ),
      `  ${'kafka'.padEnd(this.labelWidth)}  ${kafkaBrokers}${this.broker ? (this.options.kafka === 'apache' ? ' (Apache Kafka)' : ' (embedded broker)') : ''}`,
      ...(this.kafkaAuth
        ? [
            `  ${''.padEnd(this.labelWidth)}  SASL ${SASL_MECHANISM} and ACLs; operator credentials in ` +
              `${displayPath(this.kafkaAuth.dir)}/ (operator.env, kcat.conf, operator.properties)`,
          ]
        : []),
      ...(this.console
        ? [
            `  ${'console'.padEnd(this.labelWidth)}  http://127.0.0.1:${this.consolePort()}  ` +
              '(the events, consumer groups and lag, live; ' +
              (this.options.control
                ? `controls through 127.0.0.1:${this.controlPort()}, off with --no-control)`
                : 'no controls: --no-control)'),
          ]
        : []),
      `  ${'database'.padEnd(this.labelWidth)}  ${this.databaseMode}`,
      `  ${'API auth'.padEnd(this.labelWidth)}  ${this.apiIssuer.description}`,
      'Press Ctrl-C to stop.',
    ];
    for (const line of lines) this.log(line);
  }

  private onSignal(signal: NodeJS.Signals): void {
    // Under `npm start`, one Ctrl-C arrives twice: from the terminal and forwarded by npm.
    if (this.stopping && Date.now() - this.firstSignalAt < SIGNAL_ECHO_MS) return;
    // A hang-up is not a person asking twice: it never turns a clean stop into a kill.
    if (this.stopping && signal === 'SIGHUP') return;
    if (this.stopping) {
      this.log(`${signal} again: killing everything now`);
      this.supervisor.killAll();
      process.exit(130);
    }
    this.firstSignalAt = Date.now();
    this.log(
      `${signal}: stopping the services, then the broker and PostgreSQL (Ctrl-C again to kill)`,
    );
    void this.stop(0);
  }

  private stop(exitCode: number): Promise<never> {
    this.stopping ??= (async () => {
      this.controlServer?.close();
      await this.supervisor.stop(
        [...this.services, ...(this.console ? [this.console] : []), ...this.helpers],
        SERVICE_STOP_GRACE_MS,
      );
      await Promise.all([
        this.broker &&
          this.supervisor.stop(
            [this.broker],
            this.options.kafka === 'apache' ? APACHE_KAFKA_STOP_GRACE_MS : BROKER_STOP_GRACE_MS,
          ),
        this.postgres && this.supervisor.stop([this.postgres], POSTGRES_STOP_GRACE_MS),
      ]);
      // They name our broker, now gone: a tool or a later launcher would offer its credentials
      // to whatever listens there next (e.g. an unsecured `npm run kafka`).
      if (this.broker) await removeOperatorClientFiles(this.dataDir).catch(() => undefined);
      if (this.supervisor.all.length > 0) this.log('stopped');
      process.exit(exitCode);
    })();
    return this.stopping;
  }

  private prefixer(label: string, colour: number): LinePrefixer {
    return createLinePrefixer({ label, colour, width: this.labelWidth, useColour: this.useColour });
  }

  private log(message: string): void {
    process.stdout.write(`${this.say(message)}\n`);
  }
}

/** Relative to the working directory when inside it (.data/kafka-auth), else absolute. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir;
}

/** A URL as it may be printed: without its password. */
function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

function parseOrExit(argv: string[]): LauncherOptions {
  try {
    return parseLauncherArgs(argv);
  } catch (error) {
    if (!(error instanceof LauncherArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const options = parseOrExit(process.argv.slice(2));
if (options.help) {
  process.stdout.write(USAGE);
} else {
  void new Launcher(options, path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '.data')).run();
}

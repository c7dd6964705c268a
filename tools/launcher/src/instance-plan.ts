import path from 'node:path';
import { LauncherOptions } from './launcher-args';
import { REPLICA_PORT_STEP, SERVICE_CATALOG, ServiceName } from './service-catalog';

/** One service process to start. */
export interface ServiceInstance {
  service: ServiceName;
  /** The log prefix: the service name, with the replica number from the second replica on. */
  label: string;
  replica: number;
  port: number;
  colour: number;
  env: Record<string, string>;
}

export interface InstancePlanContext {
  kafkaBrokers: string;
  /** Root of the embedded data: PGlite databases live in <dataDir>/<service>/. */
  dataDir: string;
  /** Per-service PostgreSQL URLs; a service without one uses PGlite. */
  databaseUrls: Partial<Record<ServiceName, string>>;
  /** Per-service Kafka credentials (KAFKA_SASL_*), when the broker authenticates. */
  kafkaEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** The embedded broker's port without --port-offset, Kafka's usual one. */
export const EMBEDDED_BROKER_PORT = 9092;

export function embeddedBrokerPort(options: LauncherOptions): number {
  return EMBEDDED_BROKER_PORT + options.portOffset;
}

/** Where one service process listens, known from the command line alone. */
export type InstanceSlot = Omit<ServiceInstance, 'env'>;

/** The requested services and replica counts, one slot per process, in start order. */
export function planSlots(options: LauncherOptions): InstanceSlot[] {
  return options.services.flatMap((service) => {
    const { basePort, colour } = SERVICE_CATALOG[service];
    return Array.from({ length: options.replicas[service] }, (_, index) => ({
      service,
      label: instanceLabel(service, index + 1),
      replica: index + 1,
      port: basePort + options.portOffset + REPLICA_PORT_STEP * index,
      colour,
    }));
  });
}

/** Expands the requested services and replica counts into the processes to start. */
export function planInstances(
  options: LauncherOptions,
  context: InstancePlanContext,
): ServiceInstance[] {
  return planSlots(options).map((slot) => {
    const { service, replica, port } = slot;
    const databaseUrl = context.databaseUrls[service];
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: context.kafkaBrokers,
      ...context.kafkaEnv?.[service],
      INSTANCE_ID: `${service}-${replica}`,
      // Kafka's member client id: the console shows which replica owns which partition.
      KAFKA_CLIENT_ID: `${service}-${replica}`,
      // PGlite is one process's database: a second replica cannot open the first one's files.
      DATA_DIR: replica === 1 ? context.dataDir : path.join(context.dataDir, `replica-${replica}`),
    };
    if (databaseUrl) env[`${service.toUpperCase()}_DATABASE_URL`] = databaseUrl;
    return { ...slot, env };
  });
}

/** The log prefix of a replica: the service name, with the replica number from the second on. */
export function instanceLabel(service: ServiceName, replica: number): string {
  return replica === 1 ? service : `${service}-${replica}`;
}

/** Services run with more than one replica on embedded PGlite, where each replica has its own data. */
export function replicasWithoutSharedDatabase(
  options: LauncherOptions,
  databaseUrls: Partial<Record<ServiceName, string>>,
): ServiceName[] {
  return options.services.filter(
    (service) => options.replicas[service] > 1 && databaseUrls[service] === undefined,
  );
}

import {
  defaultServicePorts,
  MANAGEMENT_PORT_OFFSET,
  type ServiceName,
  serviceNames,
} from '@fanout/contracts';

// The services and their ports are declared once, in the contracts; the launcher adds colours.
export const SERVICE_NAMES = serviceNames;
export type { ServiceName };
export { MANAGEMENT_PORT_OFFSET };

export interface ServiceDefinition {
  name: ServiceName;
  basePort: number;
  /** ANSI SGR colour code for the service's log prefix. */
  colour: number;
}

/** ANSI SGR colours of the log prefixes. */
const COLOURS: Record<ServiceName, number> = {
  orders: 36,
  payments: 35,
  inventory: 33,
  notifications: 32,
  analytics: 31,
};

export const SERVICE_CATALOG = Object.fromEntries(
  serviceNames.map((name) => [
    name,
    { name, basePort: defaultServicePorts[name], colour: COLOURS[name] },
  ]),
) as Record<ServiceName, ServiceDefinition>;

/** Replica n of a service listens on basePort + 10 * (n - 1): 3002, 3012, 3022 … */
export const REPLICA_PORT_STEP = 10;

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

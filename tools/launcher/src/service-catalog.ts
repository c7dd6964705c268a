/** The four Fanout services, the port of their first replica and the colour of their log prefix. */
export const SERVICE_NAMES = ['orders', 'payments', 'inventory', 'notifications'] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceDefinition {
  name: ServiceName;
  basePort: number;
  /** ANSI SGR colour code for the service's log prefix. */
  colour: number;
}

export const SERVICE_CATALOG: Record<ServiceName, ServiceDefinition> = {
  orders: { name: 'orders', basePort: 3000, colour: 36 },
  payments: { name: 'payments', basePort: 3001, colour: 35 },
  inventory: { name: 'inventory', basePort: 3002, colour: 33 },
  notifications: { name: 'notifications', basePort: 3003, colour: 32 },
};

/** Replica n of a service listens on basePort + 10 * (n - 1): 3002, 3012, 3022 … */
export const REPLICA_PORT_STEP = 10;

/**
 * Each service serves /metrics and /docs on its port + 1000 (4000 for orders' 3000), on loopback:
 * the services' own default (libs/messaging, management-port.ts), which the launcher checks is free.
 */
export const MANAGEMENT_PORT_OFFSET = 1000;

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

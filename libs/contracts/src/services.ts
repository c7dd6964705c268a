import type { TopicName } from './topics';

/** What the contracts know of one service; everything else about it follows from its events. */
export interface ServiceDeclaration {
  /**
   * Where its HTTP API listens unless PORT says otherwise; the launcher adds its --port-offset,
   * and compose and Kubernetes publish the same number.
   */
  port: number;
  /**
   * Topics it reads in full: it consumes every event on them, whatever the events' own `consumers`
   * lists say (a projection, an audit trail). Its ACLs, the event catalogue and the console follow.
   */
  readsTopics?: readonly TopicName[];
}

/**
 * The services of Fanout, declared once: the launcher, the Kafka principals and ACLs, the docs and
 * the deployment checks all derive from this list (`npx nx g @fanout/workspace:consumer-service`
 * adds a line). Each name is also the service's consumer group and the client id it gives Kafka.
 */
export const serviceDeclarations = {
  orders: { port: 3000 },
  payments: { port: 3001 },
  inventory: { port: 3002 },
  notifications: { port: 3003 },
  analytics: { port: 3005, readsTopics: ['orders', 'payments', 'inventory', 'notifications'] },
} as const satisfies Readonly<Record<string, ServiceDeclaration>>;

export type ServiceName = keyof typeof serviceDeclarations;
export const serviceNames = Object.keys(serviceDeclarations) as readonly ServiceName[];

/** Where each service's HTTP API listens unless PORT says otherwise (serviceDeclarations). */
export const defaultServicePorts: Readonly<Record<ServiceName, number>> = Object.fromEntries(
  serviceNames.map((name) => [name, serviceDeclarations[name].port]),
) as Record<ServiceName, number>;

/** The services that read every event on `topic` (their `readsTopics`), in declaration order. */
export function topicReaders(topic: TopicName): ServiceName[] {
  return serviceNames.filter((name) => {
    const declaration: ServiceDeclaration = serviceDeclarations[name];
    return declaration.readsTopics?.includes(topic) ?? false;
  });
}

/**
 * /metrics and /docs are served on the API's port plus this (orders 3000 → 4000), unless
 * MANAGEMENT_PORT says otherwise: one rule, so that the launcher, the bench and a person find them.
 */
export const MANAGEMENT_PORT_OFFSET = 1000;

/**
 * Apps that are not event services (they produce no events, so they stay out of `serviceNames`,
 * which types the event producer), with their default ports: the console (apps/console) watches
 * the event flow in a browser.
 */
export const defaultAppPorts = {
  console: 3004,
} as const;

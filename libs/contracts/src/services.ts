/**
 * The services of Fanout, declared once. Each name is also the service's consumer group and the
 * client id it gives Kafka.
 */
export const serviceNames = ['orders', 'payments', 'inventory', 'notifications'] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * Where each service's HTTP API listens unless PORT says otherwise; the launcher adds its
 * --port-offset, and compose and Kubernetes publish the same numbers.
 */
export const defaultServicePorts: Readonly<Record<ServiceName, number>> = {
  orders: 3000,
  payments: 3001,
  inventory: 3002,
  notifications: 3003,
};

/**
 * /metrics and /docs are served on the API's port plus this (orders 3000 → 4000), unless
 * MANAGEMENT_PORT says otherwise: one rule, so that the launcher, the bench and a person find them.
 */
export const MANAGEMENT_PORT_OFFSET = 1000;

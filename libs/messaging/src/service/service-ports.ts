import type { ServiceName } from '@fanout/contracts';

/** Default HTTP ports (PORT overrides), so the four services can run side by side locally. */
export const defaultServicePorts: Record<ServiceName, number> = {
  orders: 3000,
  payments: 3001,
  inventory: 3002,
  notifications: 3003,
};

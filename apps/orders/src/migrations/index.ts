import { CreateOrders1764200000000 } from './1764200000000-create-orders';

/** In order; run at start-up. */
export const ordersMigrations = [CreateOrders1764200000000];

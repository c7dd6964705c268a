import { CreateOrders1764200000000 } from './1764200000000-create-orders';
import { CreateCataloguePrices1764300000000 } from './1764300000000-create-catalogue-prices';

/** In order; run at start-up. */
export const ordersMigrations = [CreateOrders1764200000000, CreateCataloguePrices1764300000000];

import type { DatabaseSchema } from '@fanout/persistence';
import { CataloguePrice } from './catalogue/catalogue-price.entity';
import { CreateOrders1764200000000 } from './migrations/1764200000000-create-orders';
import { CreateCataloguePrices1764300000000 } from './migrations/1764300000000-create-catalogue-prices';
import { IdempotencyKey } from './orders/idempotency-key.entity';
import { Order } from './orders/order.entity';

/**
 * Orders' own tables and the migrations that make them, oldest first; the messaging tables
 * (outbox, processed events) come from the chassis.
 */
export const ordersSchema: DatabaseSchema = {
  entities: [Order, IdempotencyKey, CataloguePrice],
  migrations: [CreateOrders1764200000000, CreateCataloguePrices1764300000000],
};

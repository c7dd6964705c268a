import { CataloguePrice } from '../catalogue/catalogue-price.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { Order } from './order.entity';

export const ordersEntities = [Order, IdempotencyKey, CataloguePrice];

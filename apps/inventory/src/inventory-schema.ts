import type { DatabaseSchema } from '@fanout/persistence';
import { CreateProductsAndReservations1764170000000 } from './migrations/1764170000000-create-products-and-reservations';
import { AddReservationRelease1764180000000 } from './migrations/1764180000000-add-reservation-release';
import { AddProductPrices1764300000000 } from './migrations/1764300000000-add-product-prices';
import { AddReservationCommit1764300000001 } from './migrations/1764300000001-add-reservation-commit';
import { Product } from './products/product.entity';
import { Reservation } from './reservations/reservation.entity';

/**
 * Inventory's own tables and the migrations that make them, oldest first; the messaging tables
 * (outbox, processed events) come from the chassis.
 */
export const inventorySchema: DatabaseSchema = {
  entities: [Product, Reservation],
  migrations: [
    CreateProductsAndReservations1764170000000,
    AddReservationRelease1764180000000,
    AddProductPrices1764300000000,
    AddReservationCommit1764300000001,
  ],
};

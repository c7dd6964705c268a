import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { orderIdSchema, skuSchema } from './common-schemas';

const exampleOrderId = '0b8f2a52-6f4e-4d0e-9c39-3d1c7c0f5a11';

/** A reservation, as made (StockReserved) and as given back (StockReleased). */
const reservationPayload = z.object({
  orderId: orderIdSchema,
  reservationId: z.uuid(),
  items: z.array(z.object({ sku: skuSchema, quantity: z.int().min(1) })).min(1),
});

const exampleReservation = {
  orderId: exampleOrderId,
  reservationId: '9a7d1e0c-3b2f-4c5d-8e6f-7a8b9c0d1e2f',
  items: [{ sku: 'KEYBOARD-01', quantity: 1 }],
};

export const StockReserved = defineEvent({
  type: 'StockReserved',
  version: 1,
  topic: Topics.inventory,
  producer: 'inventory',
  consumers: ['orders'],
  description: 'Every item of the order was reserved, all at once.',
  payload: reservationPayload,
  keyOf: (payload) => payload.orderId,
  example: exampleReservation,
});

export const StockRejected = defineEvent({
  type: 'StockRejected',
  version: 1,
  topic: Topics.inventory,
  producer: 'inventory',
  consumers: ['orders'],
  description: 'At least one item was short (or unknown): nothing was reserved.',
  payload: z.object({
    orderId: orderIdSchema,
    reason: z.string().min(1),
    shortages: z
      .array(z.object({ sku: skuSchema, requested: z.int().min(1), available: z.int().min(0) }))
      .min(1),
  }),
  keyOf: (payload) => payload.orderId,
  example: {
    orderId: exampleOrderId,
    reason: 'out of stock: SOLD-OUT-01',
    shortages: [{ sku: 'SOLD-OUT-01', requested: 1, available: 0 }],
  },
});

export const StockReleased = defineEvent({
  type: 'StockReleased',
  version: 1,
  topic: Topics.inventory,
  producer: 'inventory',
  consumers: [],
  description: 'A reservation was released because its order was cancelled: the stock is back.',
  payload: reservationPayload,
  keyOf: (payload) => payload.orderId,
  example: exampleReservation,
});

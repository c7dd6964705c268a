import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { centsSchema, skuSchema } from './common-schemas';

/**
 * Event-carried state transfer: each message is the whole current state of one product, not a
 * change to apply, so the latest message of a SKU is all a consumer needs. That is what lets the
 * `products` topic be compacted, and a service keep its own copy of the catalogue without ever
 * calling inventory.
 */
export const ProductUpdated = defineEvent({
  type: 'ProductUpdated',
  version: 1,
  topic: Topics.products,
  producer: 'inventory',
  consumers: ['orders'],
  description:
    "A product's current catalogue entry (name and unit price), published when the catalogue is " +
    'seeded or changed. Compacted topic keyed by SKU: the latest message of each SKU is its state.',
  payload: z.object({
    sku: skuSchema,
    name: z.string().min(1).max(200),
    /** What one unit costs: orders prices every order line from this, never from the request. */
    unitPriceCents: centsSchema.max(100_000_000),
  }),
  keyOf: (payload) => payload.sku,
  example: { sku: 'KEYBOARD-01', name: 'Mechanical keyboard', unitPriceCents: 4999 },
});

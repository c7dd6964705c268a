import { z } from 'zod';

export const orderIdSchema = z.uuid();
/** Money is integer cents: no floating-point rounding anywhere in the flow. */
export const centsSchema = z.int().nonnegative();
export const skuSchema = z.string().min(1).max(64);
export const customerIdSchema = z.string().min(1).max(100);

export const orderLineSchema = z.object({
  sku: skuSchema,
  quantity: z.int().min(1),
  unitPriceCents: centsSchema,
});

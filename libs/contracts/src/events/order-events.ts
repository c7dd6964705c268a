import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { centsSchema, customerIdSchema, orderIdSchema, orderLineSchema } from './common-schemas';

const exampleOrderId = '0b8f2a52-6f4e-4d0e-9c39-3d1c7c0f5a11';

export const OrderCreated = defineEvent({
  type: 'OrderCreated',
  version: 1,
  topic: Topics.orders,
  producer: 'orders',
  consumers: ['payments', 'inventory', 'notifications'],
  description: 'A customer placed an order; payment and stock reservation start from here.',
  payload: z.object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    items: z.array(orderLineSchema).min(1).max(100),
    totalCents: centsSchema,
  }),
  keyOf: (payload) => payload.orderId,
  example: {
    orderId: exampleOrderId,
    customerId: 'customer-42',
    items: [{ sku: 'KEYBOARD-01', quantity: 1, unitPriceCents: 4999 }],
    totalCents: 4999,
  },
});

export const OrderCompleted = defineEvent({
  type: 'OrderCompleted',
  version: 1,
  topic: Topics.orders,
  producer: 'orders',
  consumers: ['payments', 'inventory', 'notifications'],
  description:
    'Payment succeeded and all stock was reserved: the order is complete. Inventory commits its ' +
    'stock (it leaves reserved), and payments records that the payment can no longer be refunded.',
  payload: z.object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    totalCents: centsSchema,
  }),
  keyOf: (payload) => payload.orderId,
  example: { orderId: exampleOrderId, customerId: 'customer-42', totalCents: 4999 },
});

export const orderCancellationReasons = ['PAYMENT_FAILED', 'STOCK_REJECTED'] as const;

export const OrderCancelled = defineEvent({
  type: 'OrderCancelled',
  version: 1,
  topic: Topics.orders,
  producer: 'orders',
  consumers: ['payments', 'inventory', 'notifications'],
  description:
    'Payment failed or stock could not be reserved: the order is cancelled. Payments refunds a ' +
    'completed payment and inventory releases a reservation in response (compensation).',
  payload: z.object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    reasonCode: z.enum(orderCancellationReasons),
    reason: z.string().min(1),
  }),
  keyOf: (payload) => payload.orderId,
  example: {
    orderId: exampleOrderId,
    customerId: 'customer-42',
    reasonCode: 'PAYMENT_FAILED',
    reason: 'insufficient funds',
  },
});

export const OrderUnknown = defineEvent({
  type: 'OrderUnknown',
  version: 1,
  topic: Topics.orders,
  producer: 'orders',
  consumers: ['payments', 'inventory'],
  description:
    'Orders was sent a payment or stock result for an order it never created (a forged or stray ' +
    'OrderCreated): payments refunds what it charged for it and inventory releases what it ' +
    'reserved, as for a cancelled order. Orders writes every order before its OrderCreated, so ' +
    'such an order can never become real.',
  payload: z.object({
    orderId: orderIdSchema,
    /** The result that named the unknown order, e.g. "StockReserved for an order orders never created". */
    reason: z.string().min(1),
  }),
  keyOf: (payload) => payload.orderId,
  example: {
    orderId: exampleOrderId,
    reason: 'StockReserved for an order orders never created',
  },
});

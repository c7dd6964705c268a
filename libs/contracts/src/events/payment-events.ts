import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { centsSchema, orderIdSchema } from './common-schemas';

const example = {
  orderId: '0b8f2a52-6f4e-4d0e-9c39-3d1c7c0f5a11',
  paymentId: '5d0c3c0e-2f7a-4b8e-8d5c-0b6f1d2e3a44',
  amountCents: 4999,
};

export const PaymentCompleted = defineEvent({
  type: 'PaymentCompleted',
  version: 1,
  topic: Topics.payments,
  producer: 'payments',
  consumers: ['orders'],
  description: "The order's total was charged.",
  payload: z.object({ orderId: orderIdSchema, paymentId: z.uuid(), amountCents: centsSchema }),
  keyOf: (payload) => payload.orderId,
  example,
});

export const PaymentFailed = defineEvent({
  type: 'PaymentFailed',
  version: 1,
  topic: Topics.payments,
  producer: 'payments',
  consumers: ['orders'],
  description: "The order's total could not be charged (e.g. insufficient funds).",
  payload: z.object({
    orderId: orderIdSchema,
    paymentId: z.uuid(),
    amountCents: centsSchema,
    reason: z.string().min(1),
  }),
  keyOf: (payload) => payload.orderId,
  example: { ...example, amountCents: 150000, reason: 'insufficient funds' },
});

export const PaymentRefunded = defineEvent({
  type: 'PaymentRefunded',
  version: 1,
  topic: Topics.payments,
  producer: 'payments',
  consumers: [],
  description: 'A completed payment was refunded because its order was cancelled.',
  payload: z.object({
    orderId: orderIdSchema,
    paymentId: z.uuid(),
    refundId: z.uuid(),
    amountCents: centsSchema,
    reason: z.string().min(1),
  }),
  keyOf: (payload) => payload.orderId,
  example: {
    ...example,
    refundId: '6e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    reason: 'order cancelled: stock rejected',
  },
});

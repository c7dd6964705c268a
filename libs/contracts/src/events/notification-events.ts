import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { customerIdSchema, orderIdSchema } from './common-schemas';

export const NotificationSent = defineEvent({
  type: 'NotificationSent',
  version: 1,
  topic: Topics.notifications,
  producer: 'notifications',
  consumers: [],
  description: 'A customer was told about their order (recorded and logged; no real e-mail).',
  payload: z.object({
    orderId: orderIdSchema,
    notificationId: z.uuid(),
    recipient: customerIdSchema,
    channel: z.enum(['email']),
    subject: z.string().min(1),
    /** The type of the event this notification answers. */
    inResponseTo: z.string().min(1),
  }),
  keyOf: (payload) => payload.orderId,
  example: {
    orderId: '0b8f2a52-6f4e-4d0e-9c39-3d1c7c0f5a11',
    notificationId: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
    recipient: 'customer-42',
    channel: 'email',
    subject: 'Your order is confirmed',
    inResponseTo: 'OrderCompleted',
  },
});

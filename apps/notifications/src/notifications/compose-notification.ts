import type { EventOfType } from '@fanout/contracts';

export type CustomerFacingEvent =
  EventOfType<'OrderCreated'> | EventOfType<'OrderCompleted'> | EventOfType<'OrderCancelled'>;

export interface NotificationContent {
  recipient: string;
  subject: string;
  body: string;
}

/** What the customer is told about each step of their order. */
export function composeNotification(event: CustomerFacingEvent): NotificationContent {
  const { orderId, customerId } = event.payload;
  switch (event.type) {
    case 'OrderCreated': {
      const units = event.payload.items.reduce((sum, item) => sum + item.quantity, 0);
      return {
        recipient: customerId,
        subject: 'We received your order',
        body: `Order ${orderId}: ${units} item(s), ${formatCents(event.payload.totalCents)}. We will confirm it shortly.`,
      };
    }
    case 'OrderCompleted':
      return {
        recipient: customerId,
        subject: 'Your order is confirmed',
        body: `Order ${orderId} is paid (${formatCents(event.payload.totalCents)}) and its items are reserved.`,
      };
    case 'OrderCancelled':
      return {
        recipient: customerId,
        subject: 'Your order was cancelled',
        body: `Order ${orderId} was cancelled: ${event.payload.reason}.`,
      };
  }
}

/** 4999 → "49.99": amounts travel as integer cents and are only formatted for people. */
export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

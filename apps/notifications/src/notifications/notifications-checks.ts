import type { CustomerFacingEvent } from './compose-notification';

/** The rules notifications checks the order events it is told against; counted when broken. */
export const notificationRules = [
  'unknown-order',
  'duplicate-order',
  'customer-mismatch',
  'complete-after-cancel',
  'cancel-after-complete',
  'duplicate-outcome',
] as const;
export type NotificationRule = (typeof notificationRules)[number];

export interface NotificationRefusal {
  rule: NotificationRule;
  reason: string;
}

/** What notifications already told about an order: one entry per notification, oldest first. */
export interface SentNotification {
  inResponseTo: string;
  recipient: string;
}

/**
 * Why the customer must not be told about `event`, from what they were already told about the
 * order, or null when they may. Orders announces an order once, then exactly one outcome, to the
 * customer who placed it; a customer told "cancelled" is never told "confirmed" afterwards.
 */
export function checkNotification(
  sent: readonly SentNotification[],
  event: CustomerFacingEvent,
): NotificationRefusal | null {
  const created = sent.find(({ inResponseTo }) => inResponseTo === 'OrderCreated');
  if (event.type === 'OrderCreated') {
    return sent.length > 0
      ? { rule: 'duplicate-order', reason: 'OrderCreated for an order already announced' }
      : null;
  }
  if (!created) {
    return { rule: 'unknown-order', reason: `${event.type} for an order never announced` };
  }
  if (created.recipient !== event.payload.customerId) {
    return {
      rule: 'customer-mismatch',
      reason: `${event.type} names another customer than the order's`,
    };
  }
  const outcome = sent.find(({ inResponseTo }) => inResponseTo !== 'OrderCreated');
  if (!outcome) return null;
  if (outcome.inResponseTo === event.type) {
    return { rule: 'duplicate-outcome', reason: `a second ${event.type}` };
  }
  return event.type === 'OrderCompleted'
    ? { rule: 'complete-after-cancel', reason: 'OrderCompleted for an order already cancelled' }
    : { rule: 'cancel-after-complete', reason: 'OrderCancelled for an order already completed' };
}

import type { ReservationStatus } from './reservation.entity';

/** The rules inventory checks the order events it is told against; counted when broken. */
export const reservationRules = [
  'unknown-order',
  'duplicate-order',
  'complete-without-reservation',
  'complete-after-cancel',
  'cancel-after-complete',
] as const;
export type ReservationRule = (typeof reservationRules)[number];

export type ReservationStep =
  | { action: 'commit' | 'release' | 'nothing' }
  | { action: 'refuse'; rule: ReservationRule; reason: string };

/**
 * What an order's outcome does to its reservation, from what inventory knows of the order (its
 * reservation, or none): a completed order's stock is committed, a cancelled one's released, and
 * so is that of an order orders says it never created (OrderUnknown). Any other combination
 * contradicts inventory's own record: orders announces one outcome per order, and only after
 * inventory answered its OrderCreated. A repeated outcome changes nothing.
 */
export function reservationStep(
  status: ReservationStatus | null,
  outcome: 'OrderCompleted' | 'OrderCancelled' | 'OrderUnknown',
): ReservationStep {
  // OrderUnknown may answer a result that inventory never sent (a forged payment result).
  if (status === null && outcome === 'OrderUnknown') return { action: 'nothing' };
  if (status === null) {
    return {
      action: 'refuse',
      rule: 'unknown-order',
      reason: `${outcome} for an order never reserved for`,
    };
  }
  if (outcome === 'OrderCompleted') {
    switch (status) {
      case 'RESERVED':
        return { action: 'commit' };
      case 'COMMITTED':
        return { action: 'nothing' };
      case 'REJECTED':
        return {
          action: 'refuse',
          rule: 'complete-without-reservation',
          reason: 'OrderCompleted for an order whose stock was rejected',
        };
      case 'RELEASED':
        return {
          action: 'refuse',
          rule: 'complete-after-cancel',
          reason: 'OrderCompleted for an order already cancelled (its stock released)',
        };
    }
  }
  switch (status) {
    case 'RESERVED':
      return { action: 'release' };
    case 'RELEASED':
    case 'REJECTED':
      return { action: 'nothing' };
    case 'COMMITTED':
      return {
        action: 'refuse',
        rule: 'cancel-after-complete',
        reason: `${outcome} for an order already completed (its stock committed)`,
      };
  }
}

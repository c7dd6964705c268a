import { reservationStep } from './reservations-checks';

describe('reservationStep', () => {
  it.each([
    ['RESERVED', 'OrderCompleted', 'commit'],
    ['COMMITTED', 'OrderCompleted', 'nothing'],
    ['RESERVED', 'OrderCancelled', 'release'],
    ['RELEASED', 'OrderCancelled', 'nothing'],
    ['REJECTED', 'OrderCancelled', 'nothing'],
    ['RESERVED', 'OrderUnknown', 'release'],
    [null, 'OrderUnknown', 'nothing'],
    ['RELEASED', 'OrderUnknown', 'nothing'],
  ] as const)('%s + %s: %s', (status, outcome, action) => {
    expect(reservationStep(status, outcome)).toEqual({ action });
  });

  it.each([
    [null, 'OrderCompleted', 'unknown-order'],
    [null, 'OrderCancelled', 'unknown-order'],
    ['REJECTED', 'OrderCompleted', 'complete-without-reservation'],
    ['RELEASED', 'OrderCompleted', 'complete-after-cancel'],
    ['COMMITTED', 'OrderCancelled', 'cancel-after-complete'],
    ['COMMITTED', 'OrderUnknown', 'cancel-after-complete'],
  ] as const)('%s + %s: refused (%s)', (status, outcome, rule) => {
    expect(reservationStep(status, outcome)).toMatchObject({ action: 'refuse', rule });
  });
});

import { decidePayment, PAYMENT_LIMIT_CENTS } from './payment-decision';

describe('decidePayment', () => {
  it('charges any total up to and including the limit', () => {
    expect(decidePayment(0)).toEqual({ status: 'COMPLETED' });
    expect(decidePayment(4999)).toEqual({ status: 'COMPLETED' });
    expect(decidePayment(PAYMENT_LIMIT_CENTS)).toEqual({ status: 'COMPLETED' });
  });

  it('declines a total above the limit for insufficient funds', () => {
    expect(decidePayment(PAYMENT_LIMIT_CENTS + 1)).toEqual({
      status: 'FAILED',
      reason: 'insufficient funds',
    });
  });
});

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEvent,
  EventOfType,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
} from '@fanout/contracts';
import type { EntityManager } from 'typeorm';
import type { OrderRecordsFilter } from '@fanout/messaging';
import { decidePayment } from './payment-decision';
import { Payment } from './payment.entity';

export type PaymentOutcome = EventOfType<'PaymentCompleted'> | EventOfType<'PaymentFailed'>;

@Injectable()
export class PaymentsService {
  /**
   * Charges an order's total and records the payment; returns the event that announces the
   * outcome, to be published from the same transaction.
   */
  async chargeOrder(
    manager: EntityManager,
    orderCreated: EventOfType<'OrderCreated'>,
  ): Promise<{ payment: Payment; outcome: PaymentOutcome }> {
    const { orderId, customerId, totalCents } = orderCreated.payload;
    const decision = decidePayment(totalCents);
    const payment = manager.create(Payment, {
      id: randomUUID(),
      orderId,
      customerId,
      amountCents: totalCents,
      status: decision.status,
      reason: decision.status === 'FAILED' ? decision.reason : null,
      orderEventId: orderCreated.eventId,
    });
    await manager.insert(Payment, payment);

    const origin = causedBy(orderCreated, 'payments');
    const common = { orderId, paymentId: payment.id, amountCents: totalCents };
    const outcome: PaymentOutcome =
      decision.status === 'COMPLETED'
        ? createEvent(PaymentCompleted, common, origin)
        : createEvent(PaymentFailed, { ...common, reason: decision.reason }, origin);
    return { payment, outcome };
  }

  /**
   * Compensation: refunds the order's payment if it was charged. A declined payment (or none)
   * needs nothing, and neither does one already refunded: a second delivery changes nothing.
   */
  async refundOrder(
    manager: EntityManager,
    orderCancelled: EventOfType<'OrderCancelled'>,
  ): Promise<{ payment: Payment | null; outcome: EventOfType<'PaymentRefunded'> | null }> {
    const { orderId, reason } = orderCancelled.payload;
    const payment = await manager.findOne(Payment, {
      where: { orderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (payment?.status !== 'COMPLETED') return { payment, outcome: null };

    payment.status = 'REFUNDED';
    payment.refundId = randomUUID();
    payment.refundedAt = new Date();
    await manager.update(
      Payment,
      { id: payment.id },
      { status: payment.status, refundId: payment.refundId, refundedAt: payment.refundedAt },
    );
    const outcome = createEvent(
      PaymentRefunded,
      {
        orderId,
        paymentId: payment.id,
        refundId: payment.refundId,
        amountCents: payment.amountCents,
        reason: `order cancelled: ${reason}`,
      },
      causedBy(orderCancelled, 'payments'),
    );
    return { payment, outcome };
  }

  async list(manager: EntityManager, filter: OrderRecordsFilter): Promise<Payment[]> {
    return manager.find(Payment, {
      where: {
        ...(filter.orderId !== undefined && { orderId: filter.orderId }),
        ...(filter.customerId !== undefined && { customerId: filter.customerId }),
      },
      order: { createdAt: 'DESC' },
      take: filter.limit,
    });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  createEvent,
  type EventOfType,
  type FanoutEvent,
  OrderCancelled,
  OrderCompleted,
} from '@fanout/contracts';
import { Outbox, PoisonEventError } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import type { Order } from './order.entity';

type PaymentResult = EventOfType<'PaymentCompleted'> | EventOfType<'PaymentFailed'>;
type StockResult = EventOfType<'StockReserved'> | EventOfType<'StockRejected'>;
type SagaState = Pick<
  Order,
  | 'id'
  | 'customerId'
  | 'status'
  | 'paymentStatus'
  | 'stockStatus'
  | 'cancellationReason'
  | 'totalCents'
  | 'updatedAt'
>;

/**
 * Follows an order to its outcome. Payment and stock results arrive in either order, on different
 * topics, possibly at different instances: each is recorded under a row lock, and whichever result
 * settles the order emits the outcome: both succeeded → COMPLETED, either failed → CANCELLED.
 */
@Injectable()
export class OrderSaga {
  private readonly logger = new Logger(OrderSaga.name);

  constructor(private readonly outbox: Outbox) {}

  async onPaymentResult(event: PaymentResult, tx: Transaction): Promise<void> {
    const order = await this.lockOrder(tx, event.payload.orderId);
    order.paymentStatus = event.type === 'PaymentCompleted' ? 'COMPLETED' : 'FAILED';
    const failure =
      event.type === 'PaymentFailed'
        ? { code: 'PAYMENT_FAILED' as const, text: `payment failed: ${event.payload.reason}` }
        : null;
    await this.settle(tx, order, event, failure);
  }

  async onStockResult(event: StockResult, tx: Transaction): Promise<void> {
    const order = await this.lockOrder(tx, event.payload.orderId);
    order.stockStatus = event.type === 'StockReserved' ? 'RESERVED' : 'REJECTED';
    const failure =
      event.type === 'StockRejected'
        ? { code: 'STOCK_REJECTED' as const, text: `stock rejected: ${event.payload.reason}` }
        : null;
    await this.settle(tx, order, event, failure);
  }

  private async settle(
    tx: Transaction,
    order: SagaState,
    cause: FanoutEvent,
    failure: { code: 'PAYMENT_FAILED' | 'STOCK_REJECTED'; text: string } | null,
  ): Promise<void> {
    order.updatedAt = new Date();
    const origin = causedBy(cause, 'orders');
    if (order.status !== 'PENDING') {
      // Already settled by the other result; compensation (refund, release) is a later step.
      this.logger.log({ msg: 'result for a settled order recorded', status: order.status });
    } else if (failure) {
      order.status = 'CANCELLED';
      order.cancellationReason = failure.text;
      await this.outbox.add(
        tx,
        createEvent(
          OrderCancelled,
          {
            orderId: order.id,
            customerId: order.customerId,
            reasonCode: failure.code,
            reason: failure.text,
          },
          origin,
        ),
      );
      this.logger.log({ msg: 'order cancelled', reason: failure.text });
    } else if (order.paymentStatus === 'COMPLETED' && order.stockStatus === 'RESERVED') {
      order.status = 'COMPLETED';
      await this.outbox.add(
        tx,
        createEvent(
          OrderCompleted,
          { orderId: order.id, customerId: order.customerId, totalCents: order.totalCents },
          origin,
        ),
      );
      this.logger.log({ msg: 'order completed' });
    }
    // The row is locked and loaded already: one UPDATE, no SELECT before it.
    await tx.manager.query(
      `UPDATE orders SET status = $2, payment_status = $3, stock_status = $4,
              cancellation_reason = $5, updated_at = $6
        WHERE id = $1`,
      [
        order.id,
        order.status,
        order.paymentStatus,
        order.stockStatus,
        order.cancellationReason,
        order.updatedAt,
      ],
    );
  }

  /** The saga's view of the order, its row locked until the transaction ends. */
  private async lockOrder(tx: Transaction, orderId: string): Promise<SagaState> {
    const [order] = (await tx.manager.query(
      `SELECT id, customer_id AS "customerId", status, payment_status AS "paymentStatus",
              stock_status AS "stockStatus", cancellation_reason AS "cancellationReason",
              total_cents AS "totalCents", updated_at AS "updatedAt"
         FROM orders WHERE id = $1 FOR UPDATE`,
      [orderId],
    )) as SagaState[];
    if (!order) {
      // Orders writes the order before OrderCreated leaves the outbox: a result for an unknown
      // order can never succeed, however often it is retried.
      throw new PoisonEventError(`order ${orderId} does not exist`);
    }
    // pg returns bigint as a string, PGlite as a number.
    return { ...order, totalCents: Number(order.totalCents) };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  createEvent,
  type FanoutEvent,
  OrderCancelled,
  OrderCompleted,
  OrderUnknown,
} from '@fanout/contracts';
import { type Delivery, Outbox } from '@fanout/messaging';
import { InvariantViolations } from '@fanout/observability';
import type { Transaction } from '@fanout/persistence';
import type { Order } from './order.entity';
import { checkResult, orderRules, type PaymentResult, type StockResult } from './orders-checks';
type SagaState = Pick<
  Order,
  | 'id'
  | 'customerId'
  | 'items'
  | 'status'
  | 'paymentStatus'
  | 'stockStatus'
  | 'cancellationReason'
  | 'totalCents'
  | 'updatedAt'
> & { changed: boolean };

/**
 * Follows an order to its outcome. Payment and stock results arrive in either order, on different
 * topics, possibly at different instances: each is recorded under a row lock, and whichever result
 * settles the order emits the outcome: both succeeded → COMPLETED, either failed → CANCELLED.
 * PENDING is the only state that changes, so a settled order is never settled again. A result
 * that contradicts the order (checkResult) is refused: logged, counted, not applied; one that names
 * an order that does not exist is counted too, and answered with OrderUnknown.
 */
@Injectable()
export class OrderSagaService {
  private readonly logger = new Logger(OrderSagaService.name);

  /** The orders each open transaction has locked, by id. */
  private readonly lockedOrders = new WeakMap<Transaction, Map<string, SagaState>>();

  constructor(
    private readonly outbox: Outbox,
    private readonly violations: InvariantViolations,
  ) {
    violations.declare(orderRules);
  }

  async recordPaymentResult(
    event: PaymentResult,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    const order = await this.acceptedOrder(tx, event, delivery);
    if (!order) return;
    order.paymentStatus = event.type === 'PaymentCompleted' ? 'COMPLETED' : 'FAILED';
    const failure =
      event.type === 'PaymentFailed'
        ? { code: 'PAYMENT_FAILED' as const, text: `payment failed: ${event.payload.reason}` }
        : null;
    await this.settle(tx, order, event, failure);
  }

  async recordStockResult(event: StockResult, tx: Transaction, delivery: Delivery): Promise<void> {
    const order = await this.acceptedOrder(tx, event, delivery);
    if (!order) return;
    order.stockStatus = event.type === 'StockReserved' ? 'RESERVED' : 'REJECTED';
    const failure =
      event.type === 'StockRejected'
        ? { code: 'STOCK_REJECTED' as const, text: `stock rejected: ${event.payload.reason}` }
        : null;
    await this.settle(tx, order, event, failure);
  }

  /** The order the result is about, locked, or null when the result is refused. */
  private async acceptedOrder(
    tx: Transaction,
    result: PaymentResult | StockResult,
    delivery: Delivery,
  ): Promise<SagaState | null> {
    const order = await this.lockOrder(tx, result.payload.orderId, delivery);
    if (!order) {
      await this.answerUnknownOrder(tx, result);
      return null;
    }
    const violation = checkResult(order, result);
    if (!violation) return order;
    this.violations.record(violation.rule, violation.reason, { orderStatus: order.status });
    return null;
  }

  /**
   * A result for an order orders never created: someone produced an OrderCreated that orders did
   * not. Payments may have charged it and inventory reserved stock for it; OrderUnknown tells them
   * to give it back, as for a cancelled order, so a forged order holds nothing for ever.
   */
  private async answerUnknownOrder(
    tx: Transaction,
    result: PaymentResult | StockResult,
  ): Promise<void> {
    const reason = `${result.type} for an order orders never created`;
    this.violations.record('unknown-order', reason, { orderStatus: 'none' });
    await this.outbox.add(
      tx,
      createEvent(
        OrderUnknown,
        { orderId: result.payload.orderId, reason },
        causedBy(result, 'orders'),
      ),
    );
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
      // Already settled by the other result: a completed or cancelled order stays so. Payments
      // and inventory compensate (refund, release) from the OrderCancelled already sent.
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
    // Written back once, with every other order the transaction changed: see lockOrder.
    order.changed = true;
  }

  /**
   * The saga's view of the order, its row locked until the transaction ends. The first call in a
   * transaction locks the orders of every message in the batch at once (in id order, the order
   * every transaction locks them in), and registers one UPDATE that writes them all back before
   * the commit: a batch of results costs two statements, not two per result.
   */
  private async lockOrder(
    tx: Transaction,
    orderId: string,
    delivery: Delivery,
  ): Promise<SagaState | undefined> {
    let locked = this.lockedOrders.get(tx);
    if (!locked) {
      locked = await this.lockOrders(tx, [...delivery.batchKeys, orderId]);
      this.lockedOrders.set(tx, locked);
      const orders = locked;
      tx.beforeCommit(() => this.writeBack(tx, orders));
    }
    let order = locked.get(orderId);
    if (!order) {
      // Its message key was not its order id: lock it on its own.
      order = (await this.lockOrders(tx, [orderId])).get(orderId);
      if (order) locked.set(orderId, order);
    }
    // Orders writes the order before OrderCreated leaves the outbox: a result for an unknown
    // order was never asked for, and waiting or retrying cannot make it right.
    return order;
  }

  private async lockOrders(
    tx: Transaction,
    keys: readonly (string | null)[],
  ): Promise<Map<string, SagaState>> {
    const ids = [...new Set(keys.filter((key): key is string => key !== null && isUuid(key)))];
    const rows = (await tx.manager.query(
      `SELECT id, customer_id AS "customerId", items, status, payment_status AS "paymentStatus",
              stock_status AS "stockStatus", cancellation_reason AS "cancellationReason",
              total_cents AS "totalCents", updated_at AS "updatedAt"
         FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids.sort()],
    )) as SagaState[];
    // pg returns bigint as a string, PGlite as a number.
    return new Map(
      rows.map((row) => [row.id, { ...row, totalCents: Number(row.totalCents), changed: false }]),
    );
  }

  private async writeBack(tx: Transaction, orders: Map<string, SagaState>): Promise<void> {
    const changed = [...orders.values()].filter((order) => order.changed);
    if (changed.length === 0) return;
    const column = <T>(pick: (order: SagaState) => T) => changed.map(pick);
    await tx.manager.query(
      `UPDATE orders AS o
          SET status = c.status, payment_status = c.payment_status,
              stock_status = c.stock_status, cancellation_reason = c.cancellation_reason,
              updated_at = c.updated_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
              AS c(id, status, payment_status, stock_status, cancellation_reason, updated_at)
        WHERE o.id = c.id`,
      [
        column((order) => order.id),
        column((order) => order.status),
        column((order) => order.paymentStatus),
        column((order) => order.stockStatus),
        column((order) => order.cancellationReason),
        column((order) => order.updatedAt),
      ],
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

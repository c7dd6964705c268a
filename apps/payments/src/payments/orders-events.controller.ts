import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { type Delivery, EventConsumer, Outbox } from '@fanout/messaging';
import { InvariantViolations } from '@fanout/observability';
import type { Transaction } from '@fanout/persistence';
import { paymentRules } from './payments-checks';
import { PaymentsService } from './payments.service';

/**
 * The orders topic, as payments reads it: charges every new order (OrderCreated in,
 * PaymentCompleted or PaymentFailed out), makes the payment final when the order completes
 * (OrderCompleted), and refunds a charged order that was cancelled after all, or that orders never
 * created (OrderCancelled or OrderUnknown in, PaymentRefunded out). An event that contradicts
 * payments' own record of the order is refused and counted (InvariantViolations).
 */
@Controller()
export class OrdersEventsController {
  private readonly logger = new Logger(OrdersEventsController.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
    private readonly payments: PaymentsService,
    private readonly violations: InvariantViolations,
  ) {
    violations.declare(paymentRules);
  }

  @EventPattern(Topics.orders)
  onOrdersEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: (event, tx, delivery) => this.onOrderCreated(event, tx, delivery),
      OrderCompleted: (event, tx, delivery) => this.onOrderCompleted(event, tx, delivery),
      OrderCancelled: (event, tx, delivery) => this.onOrderCancelled(event, tx, delivery),
      OrderUnknown: (event, tx, delivery) => this.onOrderUnknown(event, tx, delivery),
    });
  }

  private async onOrderCreated(
    event: EventOfType<'OrderCreated'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    const result = await this.payments.chargeOrder(tx, event, delivery.batchKeys);
    if ('refused' in result) {
      this.violations.record(result.refused.rule, result.refused.reason);
      return;
    }
    const { payment, outcome } = result;
    await this.outbox.add(tx, outcome);
    this.logger.log({
      msg: payment.status === 'COMPLETED' ? 'payment completed' : 'payment declined',
      paymentId: payment.id,
      amountCents: payment.amountCents,
      ...(payment.reason ? { reason: payment.reason } : {}),
    });
  }

  private async onOrderCompleted(
    event: EventOfType<'OrderCompleted'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    const { payment, step } = await this.payments.recordCompletion(tx, event, delivery.batchKeys);
    if (step.action === 'refuse') {
      this.violations.record(step.rule, step.reason, {
        paymentStatus: payment?.status ?? 'none',
      });
      return;
    }
    this.logger.log({
      msg: step.action === 'nothing' ? 'order completion already recorded' : 'payment final',
      paymentId: payment?.id,
    });
  }

  private onOrderCancelled(
    event: EventOfType<'OrderCancelled'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.refund(event, tx, delivery);
  }

  private onOrderUnknown(
    event: EventOfType<'OrderUnknown'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.refund(event, tx, delivery);
  }

  private async refund(
    event: EventOfType<'OrderCancelled'> | EventOfType<'OrderUnknown'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    const { payment, step, refunded } = await this.payments.refundOrder(
      tx,
      event,
      delivery.batchKeys,
    );
    if (step.action === 'refuse') {
      this.violations.record(step.rule, step.reason, { paymentStatus: payment?.status ?? 'none' });
      return;
    }
    if (!refunded) {
      this.logger.log({ msg: 'nothing to refund', paymentStatus: payment?.status ?? 'none' });
      return;
    }
    await this.outbox.add(tx, refunded);
    this.logger.log({
      msg: 'payment refunded',
      paymentId: refunded.payload.paymentId,
      refundId: refunded.payload.refundId,
      amountCents: refunded.payload.amountCents,
    });
  }
}

import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@fanout/contracts';
import { EventConsumer, Outbox } from '@fanout/messaging';
import { PaymentsService } from './payments.service';

/**
 * Charges every new order (OrderCreated in, PaymentCompleted or PaymentFailed out) and refunds a
 * charged order that was cancelled after all (OrderCancelled in, PaymentRefunded out).
 */
@Controller()
export class OrderEventsController {
  private readonly logger = new Logger(OrderEventsController.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
    private readonly payments: PaymentsService,
  ) {}

  @EventPattern(Topics.orders)
  onOrdersMessage(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: async (event, tx) => {
        const { payment, outcome } = await this.payments.chargeOrder(tx.manager, event);
        await this.outbox.add(tx, outcome);
        this.logger.log({
          msg: payment.status === 'COMPLETED' ? 'payment completed' : 'payment declined',
          paymentId: payment.id,
          amountCents: payment.amountCents,
          ...(payment.reason ? { reason: payment.reason } : {}),
        });
      },
      OrderCancelled: async (event, tx) => {
        const { payment, outcome } = await this.payments.refundOrder(tx.manager, event);
        if (!outcome) {
          this.logger.log({ msg: 'nothing to refund', paymentStatus: payment?.status ?? 'none' });
          return;
        }
        await this.outbox.add(tx, outcome);
        this.logger.log({
          msg: 'payment refunded',
          paymentId: outcome.payload.paymentId,
          refundId: outcome.payload.refundId,
          amountCents: outcome.payload.amountCents,
        });
      },
    });
  }
}

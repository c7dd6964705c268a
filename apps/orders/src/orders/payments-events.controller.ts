import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { type Delivery, EventConsumer } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import { OrderSagaService } from './order-saga.service';

/** The payments topic, as orders reads it: each order's payment result, for the saga. */
@Controller()
export class PaymentsEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly saga: OrderSagaService,
  ) {}

  @EventPattern(Topics.payments)
  onPaymentsEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      PaymentCompleted: (event, tx, delivery) => this.onPaymentCompleted(event, tx, delivery),
      PaymentFailed: (event, tx, delivery) => this.onPaymentFailed(event, tx, delivery),
    });
  }

  private onPaymentCompleted(
    event: EventOfType<'PaymentCompleted'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.saga.recordPaymentResult(event, tx, delivery);
  }

  private onPaymentFailed(
    event: EventOfType<'PaymentFailed'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.saga.recordPaymentResult(event, tx, delivery);
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';
import { OrderSaga } from './order-saga.service';

/** The events orders listens to: the results of payment and of stock reservation. */
@Controller()
export class OrderEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly saga: OrderSaga,
  ) {}

  @EventPattern(Topics.payments)
  onPaymentsEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      PaymentCompleted: (event, tx, delivery) => this.saga.onPaymentResult(event, tx, delivery),
      PaymentFailed: (event, tx, delivery) => this.saga.onPaymentResult(event, tx, delivery),
    });
  }

  @EventPattern(Topics.inventory)
  onInventoryEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      StockReserved: (event, tx, delivery) => this.saga.onStockResult(event, tx, delivery),
      StockRejected: (event, tx, delivery) => this.saga.onStockResult(event, tx, delivery),
    });
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { type Delivery, EventConsumer } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import { OrderSagaService } from './order-saga.service';

/** The inventory topic, as orders reads it: each order's stock result, for the saga. */
@Controller()
export class InventoryEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly saga: OrderSagaService,
  ) {}

  @EventPattern(Topics.inventory)
  onInventoryEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      StockReserved: (event, tx, delivery) => this.onStockReserved(event, tx, delivery),
      StockRejected: (event, tx, delivery) => this.onStockRejected(event, tx, delivery),
    });
  }

  private onStockReserved(
    event: EventOfType<'StockReserved'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.saga.recordStockResult(event, tx, delivery);
  }

  private onStockRejected(
    event: EventOfType<'StockRejected'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.saga.recordStockResult(event, tx, delivery);
  }
}

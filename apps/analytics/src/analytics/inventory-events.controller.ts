import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import { OrderStatsProjection } from './order-stats.projection';

/**
 * The inventory topic, as analytics reads it: every event on it, folded into the projection in the
 * transaction that marks it processed (a redelivered event is skipped by the chassis' inbox).
 */
@Controller()
export class InventoryEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly projection: OrderStatsProjection,
  ) {}

  @EventPattern(Topics.inventory)
  onInventoryEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      StockReserved: (event, tx) => this.onStockReserved(event, tx),
      StockRejected: (event, tx) => this.onStockRejected(event, tx),
      StockReleased: (event, tx) => this.onStockReleased(event, tx),
    });
  }

  private async onStockReserved(
    event: EventOfType<'StockReserved'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.stock(tx, event);
  }

  private async onStockRejected(
    event: EventOfType<'StockRejected'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.stock(tx, event);
  }

  private async onStockReleased(
    event: EventOfType<'StockReleased'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.stock(tx, event);
  }
}

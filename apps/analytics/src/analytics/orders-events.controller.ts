import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import { OrderStatsProjection } from './order-stats.projection';

/**
 * The orders topic, as analytics reads it: every event on it, folded into the projection in the
 * transaction that marks it processed (a redelivered event is skipped by the chassis' inbox).
 */
@Controller()
export class OrdersEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly projection: OrderStatsProjection,
  ) {}

  @EventPattern(Topics.orders)
  onOrdersEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: (event, tx) => this.onOrderCreated(event, tx),
      OrderCompleted: (event, tx) => this.onOrderCompleted(event, tx),
      OrderCancelled: (event, tx) => this.onOrderCancelled(event, tx),
      OrderUnknown: () => this.onOrderUnknown(),
    });
  }

  private async onOrderCreated(event: EventOfType<'OrderCreated'>, tx: Transaction): Promise<void> {
    this.projection.orderCreated(tx, event);
  }

  private async onOrderCompleted(
    event: EventOfType<'OrderCompleted'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.orderCompleted(tx, event);
  }

  private async onOrderCancelled(
    event: EventOfType<'OrderCancelled'>,
    tx: Transaction,
  ): Promise<void> {
    this.projection.orderCancelled(tx, event);
  }

  /**
   * Results for an order orders never created: not an order, so nothing to count (the row its
   * payment and stock events made has no status, and every figure counts orders that have one).
   */
  private onOrderUnknown(): Promise<void> {
    return Promise.resolve();
  }
}

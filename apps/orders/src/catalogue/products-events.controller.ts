import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';
import type { Transaction } from '@fanout/persistence';
import { savePrice } from './price-list';

/**
 * The products topic, as orders reads it: keeps orders' price list from the catalogue's events
 * (ProductUpdated; the topic is compacted). The orders group reads the topic from the beginning
 * when it first joins, so a new or rebuilt orders service learns every product's latest price
 * before it can price an order for it; until then a SKU is unknown (422), never priced from the
 * request.
 */
@Controller()
export class ProductsEventsController {
  private readonly logger = new Logger(ProductsEventsController.name);

  constructor(private readonly consumer: EventConsumer) {}

  @EventPattern(Topics.products)
  onProductsEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      ProductUpdated: (event, tx) => this.onProductUpdated(event, tx),
    });
  }

  private async onProductUpdated(
    event: EventOfType<'ProductUpdated'>,
    tx: Transaction,
  ): Promise<void> {
    const { sku, unitPriceCents } = event.payload;
    // The partition keeps a SKU's messages in order: the last one applied is the latest.
    await savePrice(tx.manager, {
      ...event.payload,
      eventId: event.eventId,
      updatedAt: event.occurredAt,
    });
    this.logger.log({ msg: 'price updated', sku, unitPriceCents });
  }
}

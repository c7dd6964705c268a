import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';
import { savePrice } from './price-list';

/**
 * Keeps orders' price list from the catalogue's events (ProductUpdated on the compacted `products`
 * topic). The orders group reads the topic from the beginning when it first joins, so a new or
 * rebuilt orders service learns every product's latest price before it can price an order for it;
 * until then a SKU is unknown (422), never priced from the request.
 */
@Controller()
export class CatalogueEventsController {
  private readonly logger = new Logger(CatalogueEventsController.name);

  constructor(private readonly consumer: EventConsumer) {}

  @EventPattern(Topics.products)
  onProductsMessage(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      ProductUpdated: async (event, tx) => {
        const { sku, unitPriceCents } = event.payload;
        // The partition keeps a SKU's messages in order: the last one applied is the latest.
        await savePrice(tx.manager, {
          ...event.payload,
          eventId: event.eventId,
          updatedAt: event.occurredAt,
        });
        this.logger.log({ msg: 'price updated', sku, unitPriceCents });
      },
    });
  }
}

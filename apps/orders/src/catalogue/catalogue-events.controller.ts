import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@fanout/contracts';
import { EventConsumer } from '@fanout/messaging';

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
        const { sku, name, unitPriceCents } = event.payload;
        // The latest message of a SKU is its state: the partition keeps a SKU's messages in order.
        await tx.manager.query(
          `INSERT INTO catalogue_prices (sku, name, unit_price_cents, event_id, updated_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (sku) DO UPDATE
              SET name = EXCLUDED.name, unit_price_cents = EXCLUDED.unit_price_cents,
                  event_id = EXCLUDED.event_id, updated_at = EXCLUDED.updated_at`,
          [sku, name, unitPriceCents, event.eventId, event.occurredAt],
        );
        this.logger.log({ msg: 'price updated', sku, unitPriceCents });
      },
    });
  }
}

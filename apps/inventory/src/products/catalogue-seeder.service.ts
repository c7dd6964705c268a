import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createEvent, ProductUpdated } from '@fanout/contracts';
import { Outbox } from '@fanout/messaging';
import { TransactionRunner } from '@fanout/persistence';
import { seedDemoCatalogue } from './catalogue-seeder';

/**
 * Fills an empty catalogue with the demo products before the service takes events, and announces
 * every product it added or re-priced as ProductUpdated on the compacted `products` topic, in the
 * same transaction (outbox): orders prices orders from those events only.
 */
@Injectable()
export class CatalogueSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogueSeederService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const changed = await this.transactions.run(async (tx) => {
      const entries = await seedDemoCatalogue(tx.manager);
      await this.outbox.add(
        tx,
        ...entries.map((entry) =>
          // A catalogue change starts its own flow: the SKU names it.
          createEvent(ProductUpdated, entry, { producer: 'inventory', correlationId: entry.sku }),
        ),
      );
      return entries;
    });
    if (changed.length > 0) {
      this.logger.log({ msg: 'catalogue published', products: changed.map(({ sku }) => sku) });
    }
  }
}

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TransactionRunner } from '@fanout/persistence';
import { seedDemoCatalogue } from './catalogue-seeder';

/** Fills an empty catalogue with the demo products before the service takes events. */
@Injectable()
export class CatalogueSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogueSeederService.name);

  constructor(private readonly transactions: TransactionRunner) {}

  async onApplicationBootstrap(): Promise<void> {
    const added = await this.transactions.run(({ manager }) => seedDemoCatalogue(manager));
    if (added > 0) this.logger.log({ msg: 'demo catalogue seeded', products: added });
  }
}

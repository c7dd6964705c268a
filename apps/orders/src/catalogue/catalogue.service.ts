import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@fanout/persistence';
import { CataloguePrice } from './catalogue-price.entity';

@Injectable()
export class CatalogueService {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Every SKU orders has a price for, by SKU. */
  list(): Promise<CataloguePrice[]> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    return this.transactions.run(({ manager }) =>
      manager.find(CataloguePrice, { order: { sku: 'ASC' } }),
    );
  }
}

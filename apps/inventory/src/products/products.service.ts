import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@fanout/persistence';
import { Product } from './product.entity';

@Injectable()
export class ProductsService {
  constructor(private readonly transactions: TransactionRunner) {}

  /** The catalogue with its stock, by SKU. */
  list(): Promise<Product[]> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    return this.transactions.run(({ manager }) => manager.find(Product, { order: { sku: 'ASC' } }));
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TransactionRunner } from '@fanout/persistence';
import { Product } from './product.entity';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly transactions: TransactionRunner) {}

  @Get()
  @ApiOkResponse({ description: 'The catalogue with its stock: available and reserved units' })
  async list(): Promise<{ items: Product[] }> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    const items = await this.transactions.run(({ manager }) =>
      manager.find(Product, { order: { sku: 'ASC' } }),
    );
    return { items };
  }
}

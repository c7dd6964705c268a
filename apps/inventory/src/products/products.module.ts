import { Module } from '@nestjs/common';
import { CatalogueSeederService } from './catalogue-seeder.service';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

/**
 * The catalogue and its stock: seeded with the demo products at start-up, each published on the
 * products topic; GET /products.
 */
@Module({
  controllers: [ProductsController],
  providers: [ProductsService, CatalogueSeederService],
})
export class ProductsModule {}

import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { ProductsEventsController } from './products-events.controller';

/**
 * Orders' copy of the catalogue's prices, kept from inventory's ProductUpdated events, and served
 * at GET /catalogue.
 */
@Module({
  controllers: [CatalogueController, ProductsEventsController],
  providers: [CatalogueService],
})
export class CatalogueModule {}

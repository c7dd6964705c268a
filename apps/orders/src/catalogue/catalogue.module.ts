import { Module } from '@nestjs/common';
import { CatalogueEventsController } from './catalogue-events.controller';
import { CatalogueController } from './catalogue.controller';

/**
 * Orders' copy of the catalogue's prices, kept from inventory's ProductUpdated events, and served
 * at GET /catalogue.
 */
@Module({ controllers: [CatalogueController, CatalogueEventsController] })
export class CatalogueModule {}

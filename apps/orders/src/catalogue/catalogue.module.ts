import { Module } from '@nestjs/common';
import { CatalogueEventsController } from './catalogue-events.controller';

/** Orders' copy of the catalogue's prices, kept from inventory's ProductUpdated events. */
@Module({ controllers: [CatalogueEventsController] })
export class CatalogueModule {}

import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { OrderEventsController } from './order-events.controller';
import { OrderSaga } from './order-saga.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [CatalogueModule],
  controllers: [OrdersController, OrderEventsController],
  providers: [OrdersService, OrderSaga],
})
export class OrdersModule {}

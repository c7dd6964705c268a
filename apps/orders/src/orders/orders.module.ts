import { Module } from '@nestjs/common';
import { InventoryEventsController } from './inventory-events.controller';
import { OrderSagaService } from './order-saga.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { PaymentsEventsController } from './payments-events.controller';

/**
 * Orders: placed over HTTP (OrdersService), then followed to COMPLETED or CANCELLED by the saga
 * from the payment and stock results it reads on the payments and inventory topics.
 */
@Module({
  controllers: [OrdersController, PaymentsEventsController, InventoryEventsController],
  providers: [OrdersService, OrderSagaService],
})
export class OrdersModule {}

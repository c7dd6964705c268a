import { Module } from '@nestjs/common';
import { OrdersEventsController } from './orders-events.controller';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

/**
 * Payments: charges each new order, makes the payment final when the order completes, refunds it
 * when the order is cancelled (all from the orders topic); GET /payments.
 */
@Module({
  controllers: [PaymentsController, OrdersEventsController],
  providers: [PaymentsService],
})
export class PaymentsModule {}

import { Module } from '@nestjs/common';
import { OrdersEventsController } from './orders-events.controller';
import { ReservationsController } from './reservations.controller';
import { ReservationsService } from './reservations.service';
import { SimulatedWork } from './simulated-work';

/**
 * Reservations: reserves each new order's stock, all lines or none, commits it when the order
 * completes and releases it when the order is cancelled (all from the orders topic);
 * GET /reservations.
 */
@Module({
  controllers: [ReservationsController, OrdersEventsController],
  providers: [
    ReservationsService,
    { provide: SimulatedWork, useFactory: () => SimulatedWork.fromEnvironment() },
  ],
})
export class ReservationsModule {}

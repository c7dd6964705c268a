import { Module } from '@nestjs/common';
import { FanoutServiceModule } from '@fanout/chassis';
import { OrderEventsController } from './payments/order-events.controller';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { paymentsEntities, paymentsMigrations } from './payments-schema';

@Module({
  imports: [
    FanoutServiceModule.forRoot({
      service: 'payments',
      entities: paymentsEntities,
      migrations: paymentsMigrations,
    }),
  ],
  controllers: [PaymentsController, OrderEventsController],
  providers: [PaymentsService],
})
export class AppModule {}

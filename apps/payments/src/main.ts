import 'reflect-metadata';
import { bootstrapService } from '@fanout/chassis';
import { AppModule } from './app.module';

void bootstrapService(AppModule.forRoot(), {
  service: 'payments',
  description:
    'Charges each new order (simulated provider: totals above 100000 cents are declined) and ' +
    'publishes PaymentCompleted or PaymentFailed.',
});

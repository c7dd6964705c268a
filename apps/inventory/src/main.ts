import 'reflect-metadata';
import { bootstrapService } from '@fanout/chassis';
import { AppModule } from './app.module';

void bootstrapService(AppModule.forRoot(), {
  service: 'inventory',
  description:
    'Reserves the stock of each new order, all items or none, and publishes StockReserved or ' +
    'StockRejected. Seeds a demo catalogue on first start.',
});

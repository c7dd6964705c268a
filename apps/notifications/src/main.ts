import 'reflect-metadata';
import { bootstrapService } from '@fanout/chassis';
import { AppModule } from './app.module';

void bootstrapService(AppModule.forRoot(), {
  service: 'notifications',
  description:
    'Tells customers about their orders (OrderCreated, OrderCompleted, OrderCancelled): records ' +
    'and logs each notification and publishes NotificationSent.',
});

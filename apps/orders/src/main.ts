import 'reflect-metadata';
import { bootstrapService } from '@fanout/chassis';
import { AppModule } from './app.module';

void bootstrapService(AppModule.forRoot(), {
  service: 'orders',
  description: 'Takes orders and follows each one to COMPLETED or CANCELLED through events.',
});

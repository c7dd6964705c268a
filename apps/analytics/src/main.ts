import 'reflect-metadata';
import { bootstrapService } from '@fanout/chassis';
import { AppModule } from './app.module';

void bootstrapService(AppModule.forRoot(), {
  service: 'analytics',
  description:
    'A projection of every event on orders, payments, inventory and notifications (GET /stats), ' +
    'rebuilt from the log whenever its consumer group starts over (docs/analytics.md).',
});

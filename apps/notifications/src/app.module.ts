import { Module } from '@nestjs/common';
import { FanoutServiceModule } from '@fanout/chassis';
import { notificationsEntities, notificationsMigrations } from './notifications-schema';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OrderEventsController } from './notifications/order-events.controller';

@Module({
  imports: [
    FanoutServiceModule.forRoot({
      service: 'notifications',
      entities: notificationsEntities,
      migrations: notificationsMigrations,
    }),
  ],
  controllers: [NotificationsController, OrderEventsController],
  providers: [NotificationsService],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OrdersEventsController } from './orders-events.controller';

/**
 * Notifications: tells the customer about each step of their order (from the orders topic);
 * GET /notifications.
 */
@Module({
  controllers: [NotificationsController, OrdersEventsController],
  providers: [NotificationsService],
})
export class NotificationsModule {}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '@fanout/auth';
import { OrderRecordsQuery, orderRecordsFilter } from '@fanout/chassis';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({
    description:
      'Notifications sent, oldest first (the story of an order); a customer sees only their own',
  })
  @ApiForbiddenResponse({ description: 'A customer without ?orderId= (listing is for operators)' })
  async list(
    @Query() query: OrderRecordsQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<{ items: Notification[] }> {
    return { items: await this.notifications.list(orderRecordsFilter(query, user)) };
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '@fanout/auth';
import { OrderRecordsQuery, orderRecordsFilter } from '@fanout/chassis';
import { TransactionRunner } from '@fanout/persistence';
import { Notification } from './notification.entity';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly transactions: TransactionRunner) {}

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
    const { orderId, customerId, limit } = orderRecordsFilter(query, user);
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    const items = await this.transactions.run(({ manager }) =>
      manager.find(Notification, {
        // The recipient is the customer the order belongs to.
        where: {
          ...(orderId !== undefined && { orderId }),
          ...(customerId !== undefined && { recipient: customerId }),
        },
        order: { createdAt: 'ASC' },
        take: limit,
      }),
    );
    return { items };
  }
}

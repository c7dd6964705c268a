import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrderRecordsQuery } from '@fanout/messaging';
import { TransactionRunner } from '@fanout/persistence';
import { Notification } from './notification.entity';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly transactions: TransactionRunner) {}

  @Get()
  @ApiOkResponse({ description: 'Notifications sent, oldest first (the story of an order)' })
  async list(@Query() query: OrderRecordsQuery): Promise<{ items: Notification[] }> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    const items = await this.transactions.run(({ manager }) =>
      manager.find(Notification, {
        where: query.orderId ? { orderId: query.orderId } : {},
        order: { createdAt: 'ASC' },
        take: query.limit,
      }),
    );
    return { items };
  }
}

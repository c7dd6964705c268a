import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fanout/auth';
import { OrderRecordsQuery } from '@fanout/chassis';
import { TransactionRunner } from '@fanout/persistence';
import { Reservation } from './reservation.entity';

// Reservations record no customer: what a customer may see of their stock is their order's status.
@ApiTags('reservations')
@Roles('operator')
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly transactions: TransactionRunner) {}

  @Get()
  @ApiOkResponse({ description: 'Reservations (reserved or rejected), newest first' })
  async list(@Query() query: OrderRecordsQuery): Promise<{ items: Reservation[] }> {
    const items = await this.transactions.run(({ manager }) =>
      manager.find(Reservation, {
        where: query.orderId ? { orderId: query.orderId } : {},
        order: { createdAt: 'DESC' },
        take: query.limit,
      }),
    );
    return { items };
  }
}

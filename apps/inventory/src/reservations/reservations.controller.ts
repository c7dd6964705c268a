import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TransactionRunner } from '@fanout/persistence';
import { ListReservationsQuery } from './list-reservations.query';
import { Reservation } from './reservation.entity';

@ApiTags('reservations')
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly transactions: TransactionRunner) {}

  @Get()
  @ApiOkResponse({ description: 'Reservations (reserved or rejected), newest first' })
  async list(@Query() query: ListReservationsQuery): Promise<{ items: Reservation[] }> {
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

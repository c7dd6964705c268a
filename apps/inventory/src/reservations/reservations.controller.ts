import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fanout/auth';
import { OrderRecordsQuery } from '@fanout/chassis';
import { Reservation } from './reservation.entity';
import { ReservationsService } from './reservations.service';

// Reservations record no customer: what a customer may see of their stock is their order's status.
@ApiTags('reservations')
@Roles('operator')
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Get()
  @ApiOkResponse({ description: 'Reservations (reserved or rejected), newest first' })
  async list(@Query() query: OrderRecordsQuery): Promise<{ items: Reservation[] }> {
    return { items: await this.reservations.list(query) };
  }
}

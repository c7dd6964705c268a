import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '@fanout/auth';
import { OrderRecordsQuery, orderRecordsFilter } from '@fanout/chassis';
import { Payment } from './payment.entity';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @ApiOkResponse({ description: 'Payments, newest first; a customer sees only their own' })
  @ApiForbiddenResponse({ description: 'A customer without ?orderId= (listing is for operators)' })
  async list(
    @Query() query: OrderRecordsQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<{ items: Payment[] }> {
    return { items: await this.payments.list(orderRecordsFilter(query, user)) };
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrderRecordsQuery } from '@fanout/messaging';
import { TransactionRunner } from '@fanout/persistence';
import { Payment } from './payment.entity';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly transactions: TransactionRunner,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Payments, newest first' })
  async list(@Query() query: OrderRecordsQuery): Promise<{ items: Payment[] }> {
    // Reads go through the runner too: on PGlite (one session) they must not interleave with a
    // transaction in progress.
    const items = await this.transactions.run(({ manager }) => this.payments.list(manager, query));
    return { items };
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fanout/auth';
import { TransactionRunner } from '@fanout/persistence';
import { type Stats, StatsService } from './stats.service';

@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly stats: StatsService,
  ) {}

  @Get()
  @Roles('operator')
  @ApiOkResponse({
    description:
      'Orders by status, revenue, units sold per SKU, declines, stock-outs and the time to a ' +
      'final status: the projection of every event read so far',
  })
  @ApiForbiddenResponse({ description: 'A customer (the figures are for operators)' })
  get(): Promise<Stats> {
    // One transaction: every figure from the same snapshot (and, on PGlite, no interleaving with
    // an event being applied).
    return this.transactions.run(({ manager }) => this.stats.stats(manager));
  }
}

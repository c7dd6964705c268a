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
    // Every figure from one snapshot: under READ COMMITTED, PostgreSQL's default, each statement
    // takes its own, so a batch committed between two of them made the figures disagree (the
    // events counted as applied, the orders before them). On PGlite, also no interleaving with an
    // event being applied.
    return this.transactions.run(async ({ manager }) => {
      await manager.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return this.stats.stats(manager);
    });
  }
}

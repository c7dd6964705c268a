import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@fanout/auth';
import { ConsumerStatus, type ConsumerStatusSnapshot } from './consumer-status';

@ApiTags('operations')
@Roles('operator')
@Controller('status')
export class StatusController {
  constructor(private readonly status: ConsumerStatus) {}

  /** Instance id, consumer group, assigned partitions, events handled and lag. */
  @Get()
  @ApiOkResponse({ description: 'What this instance consumes and how far behind it is' })
  snapshot(): Promise<ConsumerStatusSnapshot> {
    return this.status.snapshot();
  }
}

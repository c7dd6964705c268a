import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@fanout/auth';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { HEALTH_CONTRIBUTORS, type HealthContributor } from './health-contributor';

// Orchestrators and load balancers probe it without credentials; it says nothing about customers.
@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HEALTH_CONTRIBUTORS) private readonly contributors: HealthContributor[],
  ) {}

  /** 200 when every dependency is up, 503 with the details otherwise. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.contributors.map((contributor) => () => contributor.check()));
  }
}

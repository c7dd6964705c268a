import { Injectable } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { HealthContributor } from '@fanout/observability';

/** GET /health: the service's database answers a query. */
@Injectable()
export class DatabaseHealthContributor implements HealthContributor {
  constructor(private readonly typeOrm: TypeOrmHealthIndicator) {}

  check() {
    return this.typeOrm.pingCheck('database', { timeout: 2000 });
  }
}

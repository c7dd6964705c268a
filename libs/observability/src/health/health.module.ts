import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HEALTH_CONTRIBUTORS, type HealthContributor } from './health-contributor';
import { HealthController } from './health.controller';

/** GET /health over the given contributors (their own dependencies must be globally available). */
@Module({})
export class HealthModule {
  static forRoot(options: { contributors: Type<HealthContributor>[] }): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        ...options.contributors,
        {
          provide: HEALTH_CONTRIBUTORS,
          inject: options.contributors,
          useFactory: (...contributors: HealthContributor[]) => contributors,
        },
      ],
    };
  }
}

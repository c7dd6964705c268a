import { type DynamicModule, Module } from '@nestjs/common';
import { type AuthConfig, AuthModule } from '@fanout/auth';
import type { ServiceName } from '@fanout/contracts';
import { HealthModule, LoggingModule, MetricsModule } from '@fanout/observability';
import {
  DatabaseHealthContributor,
  type DatabaseLocation,
  type DatabaseSchema,
  PersistenceModule,
} from '@fanout/persistence';
import { KafkaHealthContributor } from '@fanout/messaging';
import type { KafkaSettings } from '@fanout/messaging';
import { messagingEntities, messagingMigrations } from '@fanout/messaging';
import { MessagingModule } from '@fanout/messaging';

export interface FanoutServiceOptions extends DatabaseSchema {
  service: ServiceName;
  /** Overrides the environment; for tests. */
  database?: DatabaseLocation;
  kafka?: Partial<KafkaSettings>;
  /** Overrides the environment (AUTH_*); for tests. */
  auth?: AuthConfig;
}

/**
 * Everything a Fanout service has in common, in one import: pino logging, its own database with
 * migrations (plus the outbox and inbox tables), Kafka (outbox relay, consumer pipeline, topics),
 * GET /health (database + Kafka), GET /metrics, and bearer tokens on every other HTTP route
 * (AuthModule). A service adds its entities, migrations, controllers and event handlers.
 */
@Module({})
export class FanoutServiceModule {
  static forRoot(options: FanoutServiceOptions): DynamicModule {
    const { service } = options;
    return {
      module: FanoutServiceModule,
      imports: [
        LoggingModule.forRoot({ service }),
        MetricsModule.forRoot({ service }),
        PersistenceModule.forRoot({
          service,
          database: options.database,
          entities: [...messagingEntities, ...options.entities],
          migrations: [...messagingMigrations, ...options.migrations],
        }),
        MessagingModule.forRoot({ service, kafka: options.kafka }),
        HealthModule.forRoot({ contributors: [DatabaseHealthContributor, KafkaHealthContributor] }),
        AuthModule.forRoot({ config: options.auth }),
      ],
    };
  }
}

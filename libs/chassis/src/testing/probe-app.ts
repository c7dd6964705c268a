import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FanoutServiceModule } from '../fanout-service.module';
import { CreateEffects1764150000000 } from './create-effects-migration';

export interface ProbeAppOptions {
  /** The service's event handlers under test. */
  controller: Type<unknown>;
  databaseUrl: string;
  brokers: string[];
  groupId: string;
}

/**
 * A service of the messaging specs, with the `effects` table and one events controller, initialised
 * but not consuming yet: the spec calls startEventConsumers when it is ready.
 */
export async function startProbeApp(options: ProbeAppOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      FanoutServiceModule.forRoot({
        service: 'notifications',
        entities: [],
        migrations: [CreateEffects1764150000000],
        database: { kind: 'postgres', url: options.databaseUrl },
        kafka: { brokers: options.brokers, groupId: options.groupId },
        // Event handlers are under test, not HTTP callers.
        auth: { disabled: true },
      }),
    ],
    controllers: [options.controller],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

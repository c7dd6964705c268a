import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureHttpApp, type FanoutServiceOptions } from '@fanout/messaging';
import { AppModule } from '../app.module';

export interface OrdersTestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The orders app as main.ts builds it, listening on a random port. */
export async function startOrdersTestApp(
  overrides: Pick<FanoutServiceOptions, 'database' | 'kafka'>,
): Promise<OrdersTestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(overrides)],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureHttpApp(app, { service: 'orders' });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

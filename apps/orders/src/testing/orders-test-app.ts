import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestIssuer } from '@fanout/auth';
import { configureHttpApp } from '@fanout/chassis';
import { AppModule, type AppOverrides } from '../app.module';

export interface OrdersTestApp {
  app: INestApplication;
  url: string;
  /** The management port's: /metrics and /docs, without a token. */
  managementUrl: string;
  /** Authorization headers of an operator, who may call everything. */
  operator: Record<string, string>;
  /** Authorization headers of a customer (a token whose subject is `customerId`). */
  customer(customerId: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * The orders app as main.ts builds it, listening on a random port, trusting a test issuer of its
 * own (bearer tokens are checked as in production).
 */
export async function startOrdersTestApp(
  overrides: Omit<AppOverrides, 'auth'>,
): Promise<OrdersTestApp> {
  const issuer = await createTestIssuer();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ ...overrides, auth: issuer.config })],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  const { management } = configureHttpApp(app, { service: 'orders' });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const managementAddress = await management.listen(app, { port: 0, host: '127.0.0.1' });
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    managementUrl: `http://127.0.0.1:${managementAddress.port}`,
    operator: issuer.headersFor(await issuer.operatorToken()),
    customer: async (customerId) => issuer.headersFor(await issuer.customerToken(customerId)),
    close: async () => {
      await app.close();
      await issuer.dispose();
    },
  };
}

import { type DynamicModule, type INestApplication, Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthConfigError } from '@fanout/auth';
import { defaultServicePorts, type ServiceName } from '@fanout/contracts';
import { configureHttpApp } from './http/configure-http-app';
import { resolveManagementAddress } from './http/management-port';

import { startEventConsumers } from '@fanout/messaging';

export interface BootstrapOptions {
  service: ServiceName;
  /** Defaults: PORT, then the service's default port. */
  port?: number;
  /**
   * Defaults: HOST, then 127.0.0.1: loopback only, so a service run by hand on a laptop is not
   * open to the network. The image sets HOST=0.0.0.0 (Dockerfile), for compose and Kubernetes.
   */
  host?: string;
  description?: string;
}

/**
 * A service's whole main.ts: `void bootstrapService(AppModule.forRoot(), { service: 'payments' })`.
 * Builds the hybrid HTTP + Kafka app and listens. If start-up fails (database or Kafka unreachable
 * after the clients' retries), it logs why and exits with status 1, so a supervisor restarts it.
 */
export async function bootstrapService(
  rootModule: Type<unknown> | DynamicModule,
  options: BootstrapOptions,
): Promise<INestApplication> {
  let app: INestApplication | undefined;
  const port = options.port ?? Number(process.env['PORT'] || defaultServicePorts[options.service]);
  const host = options.host ?? (process.env['HOST'] || '127.0.0.1');
  try {
    app = await NestFactory.create(rootModule, { bufferLogs: true });
    const management = resolveManagementAddress(port);
    const { management: managementPort } = configureHttpApp(app, options);
    await app.init();
    await startEventConsumers(app);
    await app.listen(port, host);
    await managementPort.listen(app, management);
    new Logger('Bootstrap').log({
      msg: `${options.service} listening`,
      host,
      port,
      management: `${management.host}:${management.port} (/metrics, /docs)`,
    });
    return app;
  } catch (error) {
    const msg = `${options.service} failed to start`;
    new Logger('Bootstrap').error(
      // Another process on the port is an expected mistake, not a bug: one line, no stack.
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? // The API's port or the management port: the error names which.
          { msg: `${msg}: port ${(error as { port?: number }).port ?? port} is already in use` }
        : // So is a missing setting: the message says what to set.
          error instanceof AuthConfigError
          ? { msg: `${msg}: ${error.message}` }
          : { msg, err: error },
    );
    await app?.close().catch(() => undefined);
    process.exit(1);
  }
}

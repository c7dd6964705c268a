import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { MANAGEMENT_PORT_OFFSET } from '@fanout/contracts';

export interface ManagementAddress {
  port: number;
  host: string;
}

/**
 * MANAGEMENT_PORT (0: any free port), else the API's port + 1000 (any free port when the API's is
 * 0, as in tests); MANAGEMENT_HOST, else 127.0.0.1 — loopback even in a container, where HOST is
 * 0.0.0.0: exposing metrics and docs beyond the pod or the host is a deliberate setting.
 */
export function resolveManagementAddress(
  apiPort: number,
  env: Record<string, string | undefined> = process.env,
): ManagementAddress {
  const configured = env['MANAGEMENT_PORT'];
  const port =
    configured === undefined || configured === ''
      ? apiPort === 0
        ? 0
        : apiPort + MANAGEMENT_PORT_OFFSET
      : Number(configured);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`MANAGEMENT_PORT must be a port number (0-65535), not "${configured}"`);
  }
  return { port, host: env['MANAGEMENT_HOST'] || '127.0.0.1' };
}

/** /metrics, and the OpenAPI docs: /docs, /docs/* (Swagger UI's files), /docs-json, /docs-yaml. */
export function isManagementPath(path: string): boolean {
  return path === '/metrics' || path === '/docs' || /^\/docs[/-]/.test(path);
}

type Next = () => void;

/**
 * Prometheus metrics and the API docs on a port of their own, without a token, as Prometheus
 * expects to scrape: the same app (one registry, one Swagger document), a second listener. The
 * API's port answers neither (404), and the management port answers nothing else but /health, so
 * whoever reaches the API port (customers) never reaches metrics, and an open management port
 * never serves customer data. Its safety is where it listens: loopback unless MANAGEMENT_HOST.
 */
export class ManagementPort {
  private server: Server | undefined;
  /** Requests that came in through the management listener. */
  private readonly managementRequests = new WeakSet<IncomingMessage>();

  /** Installed before every route (configureHttpApp). */
  readonly middleware = (
    request: IncomingMessage & { path: string; method: string },
    response: ServerResponse,
    next: Next,
  ): void => {
    const viaManagement = this.managementRequests.has(request);
    if (request.path === '/health' || viaManagement === isManagementPath(request.path)) {
      next();
      return;
    }
    response.statusCode = 404;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(
      JSON.stringify({
        message: `Cannot ${request.method} ${request.path}`,
        error: 'Not Found',
        statusCode: 404,
      }),
    );
  };

  /** Starts the listener, with the API listener's timeouts; it closes when the app closes. */
  async listen(app: INestApplication, address: ManagementAddress): Promise<ManagementAddress> {
    const api = app.getHttpServer() as Server;
    const handle = app.getHttpAdapter().getInstance() as (
      request: IncomingMessage,
      response: ServerResponse,
    ) => void;
    const server = createServer((request, response) => {
      this.managementRequests.add(request);
      handle(request, response);
    });
    server.headersTimeout = api.headersTimeout;
    server.requestTimeout = api.requestTimeout;
    server.keepAliveTimeout = api.keepAliveTimeout;
    server.maxConnections = api.maxConnections;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address.port, address.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    api.once('close', () => void this.close());
    return { host: address.host, port: (server.address() as AddressInfo).port };
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}

import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Registry } from 'prom-client';
import { AdmissionControl, EventLoopLagMonitor } from './admission-control';
import type { HttpLimits } from './http-limits';
import { ClientRateLimitGuard } from './rate-limit';
import { bodyParserErrors, requestChecks, verifyJsonBody } from './request-checks';

export interface HttpEdge {
  limits: HttpLimits;
  admission: AdmissionControl;
  /** Absent when RATE_LIMIT_PER_SECOND is 0. */
  rateLimit?: ClientRateLimitGuard;
}

function metricsRegistry(app: INestApplication): Registry | undefined {
  try {
    return app.get(Registry, { strict: false });
  } catch {
    return undefined; // an app without MetricsModule: the limits work, uncounted
  }
}

/**
 * Installs the limits of `limits` on an Express-based Nest app, before `init()`/`listen()`. In the
 * order a request meets them:
 * 1. the server: at most `maxConnections` sockets; headers within `headersTimeoutMs`, the whole
 *    request within `requestTimeoutMs` (408 and closed after), idle keep-alive sockets closed after
 *    `keepAliveTimeoutMs`;
 * 2. admission control (503 + Retry-After when overloaded), before anything reads the body;
 * 3. a body that is not JSON is a 415, a `%00` in the URL a 400;
 * 4. security headers (helmet; no X-Powered-By);
 * 5. the JSON body: at most `maxBodyBytes` (413), nested at most `maxJsonDepth`, no `\u0000`;
 * 6. Nest's guards: the per-client rate limit (429 + Retry-After).
 */
export function applyHttpEdge(app: INestApplication, limits: HttpLimits): HttpEdge {
  const registry = metricsRegistry(app);
  const express = app as NestExpressApplication;

  const server = app.getHttpServer() as Server;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node checks both timeouts on this interval (30 s by default, read when the server starts
  // listening): a quarter of the shorter timeout, so a slow client is cut off close to it.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)));
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;

  const lag = new EventLoopLagMonitor(limits.eventLoopSampleMs);
  const admission = new AdmissionControl({
    maxInFlight: limits.maxInFlightRequests,
    lagLimitMs: limits.eventLoopLagLimitMs,
    lag,
    registry,
  });
  express.disable('x-powered-by');
  express.use(admission.middleware);
  express.use(requestChecks);
  express.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The services speak plain HTTP (TLS, if any, ends in front of them): upgrading would
          // make a browser fetch /docs's scripts over https from a server that has none.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // Registered here, Nest's own JSON parser (100 kB, no checks) is skipped at init().
  express.useBodyParser('json', {
    limit: limits.maxBodyBytes,
    verify: verifyJsonBody(limits.maxJsonDepth),
  });
  express.use(bodyParserErrors);

  let rateLimit: ClientRateLimitGuard | undefined;
  if (limits.rateLimitPerSecond > 0) {
    rateLimit = new ClientRateLimitGuard({
      perSecond: limits.rateLimitPerSecond,
      burst: limits.rateLimitBurst,
      registry,
    });
    app.useGlobalGuards(rateLimit);
  }

  admission.start();
  server.once('close', () => {
    admission.stop();
    rateLimit?.storage.close();
  });
  return { limits, admission, rateLimit };
}

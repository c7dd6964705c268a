import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { applyHttpEdge, type HttpEdge } from './http-edge';
import { type HttpLimits, resolveHttpLimits } from './http-limits';
import { ManagementPort } from './management-port';

export interface HttpAppOptions {
  service: string;
  description?: string;
  /** Over the limits from the environment (HttpLimits names each variable); for tests. */
  limits?: Partial<HttpLimits>;
}

export interface HttpApp extends HttpEdge {
  /** Serves /metrics and /docs once listening: `management.listen(app, address)`. */
  management: ManagementPort;
}

/**
 * The HTTP conventions of every service: pino as the Nest logger, the limits at the edge
 * (connection timeouts, admission control, body size and shape, security headers, a per-client
 * rate limit: see applyHttpEdge), strict validation (unknown fields are a 400, as are wrong types;
 * query strings are converted to the DTO's types), OpenAPI at /docs and Prometheus at /metrics on
 * the management port only (ManagementPort), and shutdown hooks so SIGTERM finishes the work in
 * hand before exit. Call it before `init()`/`listen()`.
 */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): HttpApp {
  app.useLogger(app.get(Logger));
  // Start-up lines buffered by `bufferLogs` go out now, through pino, not at listen() (which a
  // failed start never reaches).
  app.flushLogs();
  const edge = applyHttpEdge(app, resolveHttpLimits(options.limits));
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.enableShutdownHooks();
  // Before Swagger's routes and the controllers: it decides which listener serves which path.
  const management = new ManagementPort();
  app.use(management.middleware);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Fanout ${options.service} service`)
      .setDescription(options.description ?? `The ${options.service} service of Fanout.`)
      .setVersion('1.0')
      // Every operation but /health needs a token (AuthModule): Swagger UI's Authorize button.
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return { ...edge, management };
}

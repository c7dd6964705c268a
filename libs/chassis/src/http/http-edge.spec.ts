import { setTimeout as delay } from 'node:timers/promises';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  type INestApplication,
  Post,
  Query,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsOptional, IsString } from 'class-validator';
import { HealthModule, LoggingModule, MetricsModule } from '@fanout/observability';
import { eventually } from '@fanout/testing';
import { configureHttpApp } from './configure-http-app';
import type { HttpEdge } from './http-edge';
import type { HttpLimits } from './http-limits';

jest.setTimeout(30_000);

/** Requests to GET /slow wait until the test opens the gate. */
let openGate: () => void = () => undefined;
let gate = Promise.resolve();
const closeGate = () => {
  gate = new Promise<void>((resolve) => (openGate = resolve));
};

class EchoDto {
  @IsString()
  name!: string;

  @IsOptional()
  tags?: unknown;
}

class SearchQuery {
  @IsOptional()
  @IsString()
  q?: string;
}

@Controller()
class ProbeController {
  @Get('ping')
  ping(@Query() query: SearchQuery) {
    return { pong: true, q: query.q ?? null };
  }

  @Get('slow')
  async slow() {
    await gate;
    return { done: true };
  }

  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: EchoDto) {
    return body;
  }
}

interface EdgeApp {
  app: INestApplication;
  edge: HttpEdge;
  url: string;
  /** The management port's (/metrics, /docs). */
  managementUrl: string;
  port: number;
  /** The app's log lines at warn and above. */
  logs: { level: number; msg: string }[];
}

/** A Nest app configured like every service (configureHttpApp), with these limits. */
async function startEdgeApp(limits: Partial<HttpLimits>): Promise<EdgeApp> {
  const logs: EdgeApp['logs'] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  process.env['LOG_LEVEL'] = 'warn';
  const moduleRef = await Test.createTestingModule({
    imports: [
      LoggingModule.forRoot({ service: 'edge-test', destination }),
      MetricsModule.forRoot({ service: 'edge-test' }),
      HealthModule.forRoot({ contributors: [] }),
    ],
    controllers: [ProbeController],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  const edge = configureHttpApp(app, { service: 'edge-test', limits });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const management = await edge.management.listen(app, { port: 0, host: '127.0.0.1' });
  return {
    app,
    edge,
    port,
    logs,
    url: `http://127.0.0.1:${port}`,
    managementUrl: `http://127.0.0.1:${management.port}`,
  };
}

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

const metricValue = async (url: string, pattern: RegExp): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(pattern.exec(text)?.[1]);
};

describe('admission control: overload is shed with 503 + Retry-After', () => {
  let service: EdgeApp;

  beforeAll(async () => {
    service = await startEdgeApp({ maxInFlightRequests: 3, rateLimitPerSecond: 0 });
  });
  afterAll(async () => {
    openGate();
    await service?.app.close();
  });

  it('answers 503 at once above the in-flight cap, keeps /health and /metrics up, and recovers', async () => {
    closeGate();
    const held = Array.from({ length: 3 }, () => fetch(`${service.url}/slow`));
    await eventually(() => service.edge.admission.inFlight === 3);

    const shed = await fetch(`${service.url}/ping`);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect((await json(shed))['message']).toMatch(/too many requests in progress/);

    // Refused before its body is read: a body larger than the limit is no 413 here.
    const shedPost = await fetch(`${service.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(200_000) }),
    });
    expect(shedPost.status).toBe(503);

    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    expect(
      await metricValue(
        service.managementUrl,
        /^fanout_http_requests_shed_total\{reason="in_flight"[^}]*\} (\d+)$/m,
      ),
    ).toBe(2);
    expect(
      await metricValue(service.managementUrl, /^fanout_http_requests_in_flight\{[^}]*\} (\d+)$/m),
    ).toBe(3);

    openGate();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200, 200]);
    await eventually(() => service.edge.admission.inFlight === 0);
    expect((await fetch(`${service.url}/ping`)).status).toBe(200);
  });
});

describe('per-client rate limit: 429 + Retry-After', () => {
  let service: EdgeApp;

  beforeAll(async () => {
    service = await startEdgeApp({ rateLimitPerSecond: 1, rateLimitBurst: 3 });
  });
  afterAll(() => service?.app.close());

  it('lets a burst through, then refuses with 429, Retry-After and the limit; /health is never throttled', async () => {
    const burst = await Promise.all(Array.from({ length: 3 }, () => fetch(`${service.url}/ping`)));
    expect(burst.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(burst[0]?.headers.get('x-ratelimit-limit')).toBe('3');

    const refused = await fetch(`${service.url}/ping`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await json(refused))['message']).toMatch(/at most 1 a second \(bursts of 3\)/);

    for (let i = 0; i < 10; i++) {
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
    }
    expect(
      await metricValue(
        service.managementUrl,
        /^fanout_http_requests_throttled_total\{[^}]*\} (\d+)$/m,
      ),
    ).toBe(1);
    // A token comes back after a second: the client is served again.
    await eventually(async () => (await fetch(`${service.url}/ping`)).status === 200, {
      intervalMs: 250,
    });
  });
});

describe('malformed input is a 4xx that says why, never a 500', () => {
  let service: EdgeApp;

  beforeAll(async () => {
    service = await startEdgeApp({ rateLimitPerSecond: 0 });
  });
  afterAll(() => service?.app.close());

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${service.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  const problem = async (response: Response) => ({
    status: response.status,
    message: String([(await json(response))['message']].flat().join('\n')),
  });

  it('accepts a well-formed body', async () => {
    const response = await post(JSON.stringify({ name: 'a', tags: [[['deep enough']]] }));
    expect(response.status).toBe(200);
  });

  it.each([
    [
      'deeply nested JSON',
      `{"name":"a","tags":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      400,
      /nested deeper than 16 levels/,
    ],
    ['a NUL character in a string', '{"name":"a\\u0000b"}', 400, /NUL characters/],
    ['invalid JSON', '{"name": "a",', 400, /JSON/],
    ['a JSON array instead of an object', '[]', 400, /.+/],
    ['a JSON string', '"name"', 400, /.+/],
    ['a body over the size limit', JSON.stringify({ name: 'x'.repeat(70_000) }), 413, /too large/],
  ])('refuses %s', async (_name, body, status, message) => {
    const answer = await problem(await post(body));
    expect(answer.status).toBe(status);
    expect(answer.message).toMatch(message);
    // A client's mistake is no error of the server's: no error line, no stack, no body logged.
    expect(service.logs.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('does not mistake an escaped backslash before "u0000" for a NUL', async () => {
    const response = await post('{"name":"a\\\\u0000b"}');
    expect(response.status).toBe(200);
    expect((await json(response))['name']).toBe('a\\u0000b');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
  ])('refuses a body sent as %s with 415', async (_name, contentType) => {
    const answer = await problem(await post('name=a', contentType));
    expect(answer).toEqual({ status: 415, message: expect.stringMatching(/must be JSON/) });
  });

  it('refuses a NUL in the query string with 400', async () => {
    const answer = await problem(await fetch(`${service.url}/ping?q=a%00b`));
    expect(answer).toEqual({ status: 400, message: expect.stringMatching(/NUL/) });
    expect((await fetch(`${service.url}/ping?q=ab`)).status).toBe(200);
  });
});

describe('security headers', () => {
  let service: EdgeApp;

  beforeAll(async () => {
    service = await startEdgeApp({});
  });
  afterAll(() => service?.app.close());

  it('sends helmet headers and no X-Powered-By', async () => {
    const response = await fetch(`${service.url}/ping`);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure/);
  });

  it('serves Swagger UI whose scripts and styles the CSP allows, and the OpenAPI document', async () => {
    const page = await fetch(`${service.managementUrl}/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self' https: 'unsafe-inline'/);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', inline = ''] of scripts) {
      // No inline script (script-src 'self' would block it): each one loads from this server.
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toBeDefined();
      expect((await fetch(new URL(src ?? '', `${service.managementUrl}/docs`))).status).toBe(200);
    }
    const document = await fetch(`${service.managementUrl}/docs-json`);
    expect(document.status).toBe(200);
    expect(Object.keys((await json(document))['paths'] as object)).toContain('/ping');
  });
});

describe('connection limits: a slow client cannot exhaust the server', () => {
  let service: EdgeApp;

  beforeAll(async () => {
    service = await startEdgeApp({
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      maxConnections: 300,
      rateLimitPerSecond: 0,
    });
  });
  afterAll(() => service?.app.close());

  interface SlowSocket {
    socket: Socket;
    received: string;
    closed: Promise<number>;
  }

  const openSlowSocket = (trickle: boolean): Promise<SlowSocket> =>
    new Promise((resolve, reject) => {
      const socket = connect(service.port, '127.0.0.1');
      const slow: SlowSocket = {
        socket,
        received: '',
        closed: new Promise((closed) => socket.once('close', () => closed(Date.now()))),
      };
      socket.on('data', (chunk) => (slow.received += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.once('connect', () => {
        if (trickle) {
          socket.write('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n');
          // One more header byte every 100 ms: never a complete request.
          const timer = setInterval(() => socket.write('X'), 100);
          socket.once('close', () => clearInterval(timer));
        }
        resolve(slow);
      });
      socket.once('error', reject);
    });

  it('serves a normal client while 200 slow sockets are open, and cuts them off after the headers timeout', async () => {
    const started = Date.now();
    const slow = await Promise.all(
      Array.from({ length: 200 }, (_, i) => openSlowSocket(i % 2 === 0)),
    );
    try {
      const normal = await fetch(`${service.url}/ping`);
      expect(normal.status).toBe(200);

      const closedAt = await Promise.all(slow.map((socket) => socket.closed));
      const slowest = Math.max(...closedAt) - started;
      // headersTimeout (1 s) plus Node's check interval (250 ms here) plus scheduling slack.
      expect(slowest).toBeLessThan(5_000);
      const trickled = slow.filter((_, i) => i % 2 === 0);
      expect(trickled.every((socket) => socket.received.startsWith('HTTP/1.1 408'))).toBe(true);
    } finally {
      for (const { socket } of slow) socket.destroy();
    }
    expect((await fetch(`${service.url}/ping`)).status).toBe(200);
  });
});

describe('connection cap', () => {
  let service: EdgeApp;

  beforeAll(async () => {
    service = await startEdgeApp({ maxConnections: 5, rateLimitPerSecond: 0 });
  });
  afterAll(() => service?.app.close());

  it('closes connections beyond HTTP_MAX_CONNECTIONS at once', async () => {
    const open = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(service.port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    try {
      await eventually(
        () =>
          new Promise<boolean>((resolve) =>
            service.app
              .getHttpServer()
              .getConnections((_: unknown, count: number) => resolve(count === 5)),
          ),
      );
      const extra = connect(service.port, '127.0.0.1');
      extra.on('error', () => undefined);
      // The server ends the sixth connection itself; a limit that did not hold would leave it
      // open, and the test says so instead of running into Jest's timeout.
      const outcome = await Promise.race([
        new Promise<string>((resolve) =>
          extra.once('close', () => resolve('closed by the server')),
        ),
        delay(5_000).then(() => 'still open after 5 s'),
      ]);
      extra.destroy();
      expect(outcome).toBe('closed by the server');
    } finally {
      for (const socket of open) socket.destroy();
    }
  });
});

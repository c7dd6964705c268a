import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The control endpoint's port without --port-offset: beside the services' 3000-3004. */
export const CONTROL_PORT = 3099;
/** A control call's body is a few fields; anything bigger is not one. */
const MAX_BODY_BYTES = 16 * 1024;

export interface ControlInstance {
  label: string;
  url: string;
  running: boolean;
}

/** What the launcher lets its console do (and nobody else: the console holds the token). */
export interface LauncherControls {
  services(): { service: string; instances: ControlInstance[] }[];
  stop(service: string): Promise<void>;
  start(service: string): Promise<void>;
  scale(service: string, replicas: number): Promise<void>;
  customerToken(customer: string): Promise<string>;
  replayDeadLetters(request: { topic: string; eventId?: string; group?: string }): Promise<string>;
  load(request: { rate: number; duration: number }): void;
}

/** A refusal whose message the caller sees, with its HTTP status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The launcher's control endpoint: plain HTTP on 127.0.0.1 only, and only for a caller with the
 * bearer token the launcher generated and gave its console (loopback alone would let any local
 * process, or a web page's request, stop services).
 */
export async function startControlServer(
  port: number,
  token: string,
  controls: LauncherControls,
): Promise<Server> {
  const expected = Buffer.from(`Bearer ${token}`);
  const server = createServer((request, response) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      reply(response, 401, { message: 'the control endpoint needs the launcher’s token' });
      return;
    }
    route(request, controls).then(
      (answer) => reply(response, 200, answer),
      (error: unknown) =>
        reply(response, error instanceof ControlError ? error.status : 500, {
          message: (error as Error).message,
        }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

async function route(request: IncomingMessage, controls: LauncherControls): Promise<unknown> {
  const url = new URL(request.url ?? '/', 'http://control');
  const method = request.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/services') {
    return { services: controls.services() };
  }
  if (method !== 'POST') throw new ControlError(404, `no ${method} ${url.pathname}`);
  const body = await readJson(request);
  const action = /^\/services\/([a-z]+)\/(stop|start|scale)$/.exec(url.pathname);
  if (action) {
    const [, service, verb] = action;
    if (verb === 'stop') await controls.stop(service);
    else if (verb === 'start') await controls.start(service);
    else await controls.scale(service, wholeNumber(body['replicas'], 'replicas'));
    return { service, done: verb };
  }
  switch (url.pathname) {
    case '/tokens':
      return { token: await controls.customerToken(text(body['customer'], 'customer')) };
    case '/dead-letters/replay':
      return {
        output: await controls.replayDeadLetters({
          topic: text(body['topic'], 'topic'),
          eventId: optionalText(body['eventId']),
          group: optionalText(body['group']),
        }),
      };
    case '/load':
      controls.load({
        rate: positive(body['rate'], 'rate'),
        duration: positive(body['duration'], 'duration'),
      });
      return { started: true };
    default:
      throw new ControlError(404, `no POST ${url.pathname}`);
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ControlError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
  } catch {
    // Refused below.
  }
  throw new ControlError(400, 'the body must be a JSON object');
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(value)) {
    throw new ControlError(400, `${name} must be a short name`);
  }
  return value;
}

function optionalText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : text(value, 'value');
}

function wholeNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ControlError(400, `${name} must be a whole number`);
  }
  return value;
}

function positive(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new ControlError(400, `${name} must be a positive number`);
  }
  return value;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** The port a started server listens on (a test's port 0). */
export function listeningPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { resolveInstanceId } from '../instance-id';

/** JSON logs, one line per event; every line names the service and the instance. */
export function buildPinoHttpOptions(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): Options {
  return {
    level: env['LOG_LEVEL'] || 'info',
    base: { service, instance: resolveInstanceId(env) },
    // Probes hit /health every few seconds: logging each would drown the useful lines.
    autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    // One short line per request: headers are noise in a log (and may carry credentials).
    serializers: {
      req: (request: { id: unknown; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  };
}

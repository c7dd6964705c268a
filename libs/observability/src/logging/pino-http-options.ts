import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { resolveInstanceId } from '../instance-id';

/**
 * Paths censored in every log line, whatever logged them: credentials in headers (should a line
 * carry a request's or response's headers) and the values a failed SQL statement carried (TypeORM's
 * QueryFailedError keeps them in `parameters`, the driver's error in `detail`).
 */
export const redactedLogPaths: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'err.parameters',
  'err.detail',
  'err.driverError.parameters',
  'err.driverError.detail',
  'err.body',
];

/** A URL with its query values masked: `?customerId=customer-42` logs as `?customerId=~`. */
export function maskQueryValues(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? pair : `${pair.slice(0, equals)}=~`;
    })
    .join('&');
  return `${url.slice(0, question)}?${query}`;
}

/**
 * JSON logs, one line per event; every line names the service and the instance. No customer data:
 * query string values are masked in request lines (a customer id is a filter there), and
 * credentials and SQL parameter values are censored (redactedLogPaths).
 */
export function buildPinoHttpOptions(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): Options {
  return {
    level: env['LOG_LEVEL'] || 'info',
    base: { service, instance: resolveInstanceId(env) },
    redact: { paths: [...redactedLogPaths], censor: '[redacted]' },
    // Probes hit /health every few seconds: logging each would drown the useful lines.
    autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    // One short line per request: headers are noise in a log (and may carry credentials).
    serializers: {
      req: (request: { id: unknown; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: maskQueryValues(request.url),
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  };
}

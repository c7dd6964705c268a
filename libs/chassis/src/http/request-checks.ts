import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const DIGIT_0 = 0x30;

/**
 * What is wrong with a JSON body before it is parsed, in one pass over its bytes: nesting deeper
 * than `maxDepth` (each object or array is a level; deep nesting costs the validator stack and
 * time, and no DTO needs it), or a `\u0000` escape in a string (PostgreSQL refuses NUL in text, so
 * it would fail as a 500 after validation). Undefined when neither; JSON.parse judges the rest.
 */
export function jsonBodyProblem(body: Uint8Array, maxDepth: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) {
        if (
          body[i + 1] === LETTER_U &&
          body[i + 2] === DIGIT_0 &&
          body[i + 3] === DIGIT_0 &&
          body[i + 4] === DIGIT_0 &&
          body[i + 5] === DIGIT_0
        ) {
          return 'JSON strings must not contain NUL characters (\\u0000)';
        }
        i++; // the escaped character, whatever it is, does not end the string
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) {
        return `JSON is nested deeper than ${maxDepth} levels`;
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return undefined;
}

/**
 * body-parser's `verify` hook running jsonBodyProblem: a problem becomes an error with status 400,
 * which Nest answers as a 400 with the problem as its message.
 */
export function verifyJsonBody(maxDepth: number) {
  return (_request: IncomingMessage, _response: ServerResponse, body: Buffer): void => {
    const problem = jsonBodyProblem(body, maxDepth);
    if (problem) {
      throw Object.assign(new Error(problem), {
        status: 400,
        statusCode: 400,
        expose: true,
        type: 'entity.verify.failed',
      });
    }
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/** application/json and application/<anything>+json, with or without parameters (charset). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Middleware that refuses, before the body is read: a request body that is not JSON (415; the
 * services accept JSON only, and a form or text body would otherwise reach validation as `{}` and
 * be refused with a misleading message), and a URL with an encoded NUL (`%00`; PostgreSQL refuses
 * NUL in text, so a query parameter carrying one would fail as a 500 further on).
 */
export function requestChecks(
  request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  if (request.url?.includes('%00')) {
    next(new BadRequestException('The URL must not contain NUL characters (%00)'));
    return;
  }
  if (hasBody(request) && !isJsonMediaType(request.headers['content-type'])) {
    const given = request.headers['content-type'];
    next(
      new UnsupportedMediaTypeException(
        `Request bodies must be JSON (Content-Type: application/json), got ${
          given ? `"${given.slice(0, 100)}"` : 'no Content-Type'
        }`,
      ),
    );
    return;
  }
  next();
}

/**
 * Error middleware after the body parser: its client errors (413 too large, 415 charset or
 * encoding, 400 from verifyJsonBody) become Nest HttpExceptions. Nest would otherwise answer them
 * right but log each as an unexpected error, stack and all, with the raw body body-parser attaches
 * (customer data in the logs, and a log line per bad request).
 */
export function bodyParserErrors(
  error: unknown,
  _request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const { status, expose, message } = (error ?? {}) as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (
    !(error instanceof HttpException) &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    expose !== false &&
    typeof message === 'string'
  ) {
    next(new HttpException({ statusCode: status, error: STATUS_CODES[status], message }, status));
    return;
  }
  next(error);
}

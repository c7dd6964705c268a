import type { ApiDefinition } from '../protocol/api-definition';
import type { SaslSession } from '../security/sasl-session';

/** What a handler knows about the request beyond its body. */
export interface RequestContext {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
  /** Remote address of the connection. */
  readonly clientHost: string;
  /** Aborted when the connection closes or the broker stops: ends long polls early. */
  readonly signal: AbortSignal;
  /**
   * Who sent the request: `User:<name>` once SASL authenticated it, else `User:ANONYMOUS`
   * (Kafka's principal on a PLAINTEXT listener).
   */
  readonly principal: string;
  /** The connection's SASL authentication; undefined on a listener without SASL. */
  readonly sasl: SaslSession | undefined;
}

/** Returned by a handler whose request gets no response at all (Produce with acks = 0). */
export const NO_RESPONSE = Symbol('no response');
export type NoResponse = typeof NO_RESPONSE;

/**
 * Returned by a handler whose client can learn of a failure only by losing its connection: a
 * Produce with acks = 0 that failed, which Kafka answers by closing the socket so the producer
 * refreshes its metadata.
 */
export class CloseConnection {
  constructor(readonly reason: string) {}
}

/**
 * Returned by a handler whose response is the last thing the connection says: a failed SASL
 * handshake or authentication is answered, then the connection is closed, as Kafka does.
 */
export class RespondThenClose<Res> {
  constructor(
    readonly response: Res,
    readonly reason: string,
  ) {}
}

/** What a handler may return instead of a response. */
export type NoAnswer = NoResponse | CloseConnection;

/**
 * Serves one API: turns the decoded request (the newest shape) into the response (the newest
 * shape). Encoding for the version the client spoke is the API definition's job.
 */
export interface RequestHandler<Req, Res> {
  readonly api: ApiDefinition<Req, Res>;
  handle(request: Req, context: RequestContext): Answer<Res> | Promise<Answer<Res>>;
}

/** Everything a handler may return. */
export type Answer<Res> = Res | NoAnswer | RespondThenClose<Res>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRequestHandler = RequestHandler<any, any>;

export function defineHandler<Req, Res>(
  api: ApiDefinition<Req, Res>,
  handle: RequestHandler<Req, Res>['handle'],
): RequestHandler<Req, Res> {
  return { api, handle };
}

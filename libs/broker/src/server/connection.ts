import type { Socket } from 'node:net';
import { Reader, Writer } from '../protocol/primitives';
import type { Logger } from './logger';
import type { RequestMetrics } from './request-metrics';
import { FrameDecoder, FrameError } from './frame-decoder';
import {
  CloseConnection,
  NO_RESPONSE,
  RespondThenClose,
  type AnyRequestHandler,
  type RequestContext,
} from './request-handler';
import { ApiKey } from '../protocol/api-keys';
import { decodeRequestHeader, type RequestHeader } from '../protocol/request-header';
import { ANONYMOUS_PRINCIPAL } from '../security/acl';
import { SaslSession, type SaslSettings } from '../security/sasl-session';

export interface ConnectionLimits {
  maxFrameBytes: number;
  /** A frame must arrive whole within this time after its first byte (slow senders). */
  frameTimeoutMs: number;
  /** A connection with no traffic and nothing in flight is closed after this time. */
  idleTimeoutMs: number;
  /** Requests received but not yet answered; beyond it the connection stops reading. */
  maxInFlightRequests: number;
  /** Bytes queued in the socket beyond which the connection stops reading. */
  maxQueuedResponseBytes: number;
}

/** What a test may do to a response before it is sent (fault injection, never in production). */
export type ResponseFault = 'send' | 'drop' | 'close';
export type ResponseFaultHook = (header: RequestHeader) => ResponseFault;

/** How a listener's connections say who they are. */
export interface ListenerSecurity {
  /** SASL_PLAINTEXT or SASL_SSL: every connection authenticates before anything else. */
  sasl?: SaslSettings;
  /** The principal of a connection without SASL (an SSL listener's client certificate). */
  principalOf?(socket: Socket): string;
}

/** APIs a SASL listener serves before authentication (Kafka's SaslServerAuthenticator). */
const BEFORE_AUTHENTICATION: ReadonlySet<number> = new Set([
  ApiKey.ApiVersions,
  ApiKey.SaslHandshake,
  ApiKey.SaslAuthenticate,
]);

/** Kafka's sasl.server.max.receive.size: the largest frame before authentication. */
const SASL_MAX_RECEIVE_BYTES = 512 * 1024;

/** How long a connection being closed after its last response may take to say goodbye. */
const END_GRACE_MS = 1000;

export interface ConnectionOptions {
  handlers: ReadonlyMap<number, AnyRequestHandler>;
  /** Body of the error response for a version (or key) the broker does not implement. */
  writeUnsupportedVersion(apiKey: number, writer: Writer): void;
  limits: ConnectionLimits;
  logger: Logger;
  /** Where each request's time in the broker is recorded. */
  metrics: RequestMetrics;
  faults?: ResponseFaultHook;
  security?: ListenerSecurity;
}

/** A request received on this connection, answered strictly in arrival order. */
interface Slot {
  header: RequestHeader;
  /** performance.now() when the request's frame was taken off the socket. */
  receivedAt: number;
  /** Set once the response is encoded; null when none is sent (acks = 0 or a dropped fault). */
  response: Buffer[] | null | undefined;
  /** A raw SASL token (after a v0 handshake): answered without a response header. */
  raw?: boolean;
}

/**
 * One client connection: splits the byte stream into frames, dispatches each request as soon as it
 * arrives (so a heartbeat is seen while an earlier fetch long-polls), and writes the responses in
 * the order the requests came, as Kafka clients expect. Anything malformed ends this connection
 * alone.
 */
export class Connection {
  private readonly decoder: FrameDecoder;
  private readonly queue: Slot[] = [];
  private readonly abort = new AbortController();
  /** Requests whose handler is still at work; they go on after the connection closes. */
  private readonly handling = new Set<Promise<void>>();
  private frameTimer: NodeJS.Timeout | undefined;
  private paused = false;
  private closed = false;
  /** Set when the connection closes once its queued responses are written. */
  private endReason: string | undefined;
  private readonly sasl: SaslSession | undefined;
  /** The principal when SASL does not say (no SASL on the listener). */
  private readonly transportPrincipal: string;
  readonly remote: string;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
    private readonly onClose: (connection: Connection) => void,
  ) {
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    this.decoder = new FrameDecoder(options.limits.maxFrameBytes);
    const security = options.security;
    this.sasl = security?.sasl ? new SaslSession(security.sasl) : undefined;
    this.transportPrincipal = security?.principalOf?.(socket) ?? ANONYMOUS_PRINCIPAL;
    if (this.sasl) {
      this.decoder.maxFrameBytes = Math.min(SASL_MAX_RECEIVE_BYTES, options.limits.maxFrameBytes);
    }
    socket.setNoDelay(true);
    socket.setTimeout(options.limits.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => this.updateFlow());
    socket.on('timeout', () => {
      if (this.queue.length === 0) this.fail('idle timeout');
    });
    socket.on('error', (error) =>
      this.options.logger.debug('socket error', { remote: this.remote, error }),
    );
    socket.on('close', () => this.close());
  }

  /** `User:<name>` once SASL authenticated the connection; else the transport's principal. */
  get principal(): string {
    const user = this.sasl?.user;
    return user === undefined ? this.transportPrincipal : `User:${user}`;
  }

  /** Ends the connection: pending long polls are woken and their responses discarded. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.frameTimer);
    this.abort.abort();
    this.queue.length = 0;
    this.socket.destroy();
    this.onClose(this);
  }

  /**
   * Resolves once every request dispatched on this connection has been handled, answered or
   * not. After close() no request is dispatched, so this is when its work on storage ends.
   */
  async settled(): Promise<void> {
    await Promise.allSettled(this.handling);
  }

  /** Closes this connection after a problem: the client's (warn) or the broker's own (error). */
  private fail(reason: string, error?: unknown, level: 'warn' | 'error' = 'warn'): void {
    this.options.logger[level]('closing connection', {
      remote: this.remote,
      reason,
      ...(error ? { error } : {}),
    });
    this.close();
  }

  private receive(chunk: Buffer): void {
    if (this.endReason !== undefined) return;
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      if (error instanceof FrameError) return this.fail('bad frame', error);
      throw error;
    }
    if (frames.length > 0) {
      // Progress: the deadline applies to each frame, not to a stream of them.
      clearTimeout(this.frameTimer);
      this.frameTimer = undefined;
    }
    for (const frame of frames) {
      if (this.closed || this.endReason !== undefined) return;
      this.dispatch(frame);
    }
    this.watchPartialFrame();
    this.updateFlow();
  }

  private dispatch(frame: Buffer): void {
    const receivedAt = performance.now();
    const sasl = this.sasl;
    const authenticating = sasl !== undefined && sasl.state !== 'complete';
    if (authenticating) {
      // One step at a time, as Kafka reads them: nothing is served while a token is checked.
      if (sasl.busy) return this.fail('request received during a SASL authentication step');
      if (sasl.state === 'raw') return this.dispatchRawToken(sasl, frame, receivedAt);
    }
    const reader = new Reader(frame);
    let header: RequestHeader;
    try {
      header = decodeRequestHeader(reader);
    } catch (error) {
      return this.fail('unreadable request header', error);
    }
    if (authenticating && !BEFORE_AUTHENTICATION.has(header.apiKey)) {
      // Kafka's IllegalSaslStateException: the connection is closed.
      return this.fail(
        `unexpected ${ApiKey[header.apiKey] ?? `api ${header.apiKey}`} request before SASL authentication`,
      );
    }
    const slot: Slot = { header, receivedAt, response: undefined };
    this.queue.push(slot);

    const handler = this.options.handlers.get(header.apiKey);
    const api = handler?.api;
    if (
      !handler ||
      !api ||
      header.apiVersion < api.minVersion ||
      header.apiVersion > api.maxVersion
    ) {
      this.options.logger.debug('unsupported request', {
        remote: this.remote,
        apiKey: header.apiKey,
        apiVersion: header.apiVersion,
      });
      return this.respond(slot, (writer) =>
        this.options.writeUnsupportedVersion(header.apiKey, writer),
      );
    }

    let request: unknown;
    try {
      request = api.decodeRequest(header.apiVersion, reader);
    } catch (error) {
      return this.fail(`malformed ${api.name} v${header.apiVersion} request`, error);
    }
    const context: RequestContext = {
      apiKey: header.apiKey,
      apiVersion: header.apiVersion,
      correlationId: header.correlationId,
      clientId: header.clientId,
      clientHost: this.socket.remoteAddress ?? '',
      signal: this.abort.signal,
      principal: this.principal,
      sasl,
    };
    let result: unknown;
    try {
      result = handler.handle(request, context);
    } catch (error) {
      return this.fail(`${api.name} handler failed`, error, 'error');
    }
    const answer = (response: unknown): void => {
      if (response === NO_RESPONSE) return this.respond(slot, null);
      if (response instanceof CloseConnection) return this.fail(response.reason);
      if (response instanceof RespondThenClose) {
        this.endAfterResponses(response.reason);
        return this.respond(slot, (writer) =>
          api.encodeResponse(header.apiVersion, writer, response.response),
        );
      }
      this.respond(slot, (writer) => api.encodeResponse(header.apiVersion, writer, response));
      if (authenticating) this.liftSaslFrameLimit(sasl);
    };
    if (result instanceof Promise) {
      const handled = result.then(answer, (error: unknown) =>
        this.fail(`${api.name} handler failed`, error, 'error'),
      );
      this.handling.add(handled);
      void handled.finally(() => this.handling.delete(handled));
    } else {
      answer(result);
    }
  }

  /**
   * After a v0 SaslHandshake the client sends its SASL tokens as bare frames and expects bare
   * frames back (the framing before KIP-152). A failure closes the connection unanswered.
   */
  private dispatchRawToken(sasl: SaslSession, token: Buffer, receivedAt: number): void {
    const header: RequestHeader = {
      apiKey: ApiKey.SaslAuthenticate,
      apiVersion: 0,
      correlationId: 0,
      clientId: null,
    };
    const slot: Slot = { header, receivedAt, response: undefined, raw: true };
    this.queue.push(slot);
    const handled = sasl.authenticate(token).then(
      (step) => {
        if (!step.ok) return this.fail('SASL authentication failed', step.detail);
        this.respond(slot, (writer) => writer.raw(step.response));
        this.liftSaslFrameLimit(sasl);
      },
      (error: unknown) => this.fail('SASL authentication failed', error, 'error'),
    );
    this.handling.add(handled);
    void handled.finally(() => this.handling.delete(handled));
  }

  /** Once SASL completes, frames may be as large as on any connection (not before). */
  private liftSaslFrameLimit(sasl: SaslSession): void {
    if (sasl.state === 'complete') this.decoder.maxFrameBytes = this.options.limits.maxFrameBytes;
  }

  /** Closes the connection once every queued response is written; reads nothing more. */
  private endAfterResponses(reason: string): void {
    if (this.endReason !== undefined) return;
    this.endReason = reason;
    this.options.logger.warn('closing connection after its response', {
      remote: this.remote,
      reason,
    });
  }

  /** Encodes a slot's response (size and header v0 first) and sends whatever is now in order. */
  private respond(slot: Slot, writeBody: ((writer: Writer) => void) | null): void {
    if (this.closed) return;
    const fault = this.options.faults?.(slot.header) ?? 'send';
    if (fault === 'close') return this.fail('fault injected');
    if (writeBody === null || fault === 'drop') {
      slot.response = null;
    } else {
      const writer = new Writer(1024);
      writer.int32(0); // size, known once the body is written
      if (!slot.raw) writer.int32(slot.header.correlationId);
      try {
        writeBody(writer);
      } catch (error) {
        return this.fail(`cannot encode response to api ${slot.header.apiKey}`, error, 'error');
      }
      const chunks = writer.chunks();
      (chunks[0] as Buffer).writeInt32BE(writer.length - 4, 0);
      slot.response = chunks;
    }
    this.flush();
  }

  private flush(): void {
    let corked = false;
    const now = performance.now();
    while (this.queue.length > 0 && (this.queue[0] as Slot).response !== undefined) {
      const { header, receivedAt, response } = this.queue.shift() as Slot;
      this.options.metrics.record(header.apiKey, now - receivedAt);
      if (!response) continue;
      if (!corked) {
        this.socket.cork();
        corked = true;
      }
      for (const chunk of response) this.socket.write(chunk);
    }
    if (corked) this.socket.uncork();
    if (this.endReason !== undefined && this.queue.length === 0) {
      this.socket.end();
      setTimeout(() => this.close(), END_GRACE_MS).unref();
      return;
    }
    this.updateFlow();
  }

  /** Stops reading while too much is in flight or queued; resumes once it has drained. */
  private updateFlow(): void {
    if (this.closed) return;
    const { maxInFlightRequests, maxQueuedResponseBytes } = this.options.limits;
    const busy =
      this.queue.length >= maxInFlightRequests ||
      this.socket.writableLength >= maxQueuedResponseBytes;
    if (busy && !this.paused) {
      this.paused = true;
      this.socket.pause();
      // The client is not slow: we are. Its partial frame is not held against it meanwhile.
      clearTimeout(this.frameTimer);
      this.frameTimer = undefined;
    } else if (!busy && this.paused) {
      this.paused = false;
      this.socket.resume();
      this.watchPartialFrame();
    }
  }

  private watchPartialFrame(): void {
    if (!this.decoder.hasPartialFrame) {
      clearTimeout(this.frameTimer);
      this.frameTimer = undefined;
    } else if (!this.frameTimer && !this.paused) {
      this.frameTimer = setTimeout(
        () => this.fail('frame not received in time'),
        this.options.limits.frameTimeoutMs,
      );
      this.frameTimer.unref();
    }
  }
}

import type { Socket } from 'node:net';
import { Reader, Writer } from '../protocol/primitives';
import type { Logger } from './logger';
import type { RequestMetrics } from './request-metrics';
import { FrameDecoder, FrameError } from './frame-decoder';
import {
  CloseConnection,
  NO_RESPONSE,
  type AnyRequestHandler,
  type RequestContext,
} from './request-handler';
import { decodeRequestHeader, type RequestHeader } from '../protocol/request-header';

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

export interface ConnectionOptions {
  handlers: ReadonlyMap<number, AnyRequestHandler>;
  /** Body of the error response for a version (or key) the broker does not implement. */
  writeUnsupportedVersion(apiKey: number, writer: Writer): void;
  limits: ConnectionLimits;
  logger: Logger;
  /** Where each request's time in the broker is recorded. */
  metrics: RequestMetrics;
  faults?: ResponseFaultHook;
}

/** A request received on this connection, answered strictly in arrival order. */
interface Slot {
  header: RequestHeader;
  /** performance.now() when the request's frame was taken off the socket. */
  receivedAt: number;
  /** Set once the response is encoded; null when none is sent (acks = 0 or a dropped fault). */
  response: Buffer[] | null | undefined;
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
  readonly remote: string;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
    private readonly onClose: (connection: Connection) => void,
  ) {
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    this.decoder = new FrameDecoder(options.limits.maxFrameBytes);
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
      if (this.closed) return;
      this.dispatch(frame);
    }
    this.watchPartialFrame();
    this.updateFlow();
  }

  private dispatch(frame: Buffer): void {
    const receivedAt = performance.now();
    const reader = new Reader(frame);
    let header: RequestHeader;
    try {
      header = decodeRequestHeader(reader);
    } catch (error) {
      return this.fail('unreadable request header', error);
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
      this.respond(slot, (writer) => api.encodeResponse(header.apiVersion, writer, response));
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
      writer.int32(slot.header.correlationId);
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

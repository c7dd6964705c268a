import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Paths that are always admitted: probes and scrapes must see an overloaded process. */
export const alwaysAdmittedPaths: readonly string[] = ['/health', '/metrics'];

export function isAlwaysAdmitted(url: string | undefined): boolean {
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  return alwaysAdmittedPaths.some((admitted) => path === admitted || path === `${admitted}/`);
}

/**
 * Event-loop lag: a timer due every `sampleMs` measures how late it fires. A loop busy with more
 * work than it can do (requests queued in the kernel and in Node) runs its timers late by about
 * as long as a new request would wait. `lagMs` is the latest sample, so one long pause (a GC, a
 * synchronous task) sheds for one sample period only.
 */
export class EventLoopLagMonitor {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  lagMs = 0;

  constructor(private readonly sampleMs: number) {}

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.sample(), this.sampleMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.lagMs = 0;
  }

  private sample(): void {
    const now = performance.now();
    this.lagMs = Math.max(0, now - this.last - this.sampleMs);
    this.last = now;
  }
}

export type ShedReason = 'in_flight' | 'event_loop_lag';

export interface AdmissionOptions {
  /** Requests in progress at once; 0 = no cap. */
  maxInFlight: number;
  /** Event-loop lag above which new requests are shed; 0 = off. */
  lagLimitMs: number;
  /** The lag source (the monitor is started and stopped with the admission control). */
  lag?: { lagMs: number; start?(): void; stop?(): void };
  registry?: Registry;
}

/**
 * Admission control of one process: a request that arrives while `maxInFlight` requests are in
 * progress, or while the event loop lags more than `lagLimitMs`, is answered 503 with
 * `Retry-After: 1` at once, before its body is read or anything else runs. A client (or its load
 * balancer) retries or goes elsewhere instead of waiting seconds in a queue. GET /health and
 * /metrics are always admitted and not counted.
 */
export class AdmissionControl {
  private inFlightCount = 0;
  private readonly shedCounter?: Counter<'reason'>;
  private readonly logger = new Logger('AdmissionControl');
  private shedSinceLog = 0;
  private lastLogAt = 0;

  constructor(private readonly options: AdmissionOptions) {
    const registry = options.registry;
    if (registry) {
      this.shedCounter = new Counter({
        name: 'fanout_http_requests_shed_total',
        help: 'HTTP requests answered 503 by admission control, by reason',
        labelNames: ['reason'],
        registers: [registry],
      });
      this.shedCounter.inc({ reason: 'in_flight' }, 0);
      this.shedCounter.inc({ reason: 'event_loop_lag' }, 0);
      const inFlight = () => this.inFlightCount;
      new Gauge({
        name: 'fanout_http_requests_in_flight',
        help: 'HTTP requests in progress (health and metrics excluded)',
        registers: [registry],
        collect() {
          this.set(inFlight());
        },
      });
    }
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  start(): void {
    if (this.options.lagLimitMs > 0) this.options.lag?.start?.();
  }

  stop(): void {
    this.options.lag?.stop?.();
  }

  /** Why a request arriving now would be shed, or undefined when it is admitted. */
  shedReason(): ShedReason | undefined {
    const { maxInFlight, lagLimitMs, lag } = this.options;
    if (maxInFlight > 0 && this.inFlightCount >= maxInFlight) return 'in_flight';
    if (lagLimitMs > 0 && lag && lag.lagMs > lagLimitMs) return 'event_loop_lag';
    return undefined;
  }

  /** Express/Connect middleware; install it first. */
  readonly middleware = (
    request: IncomingMessage,
    response: ServerResponse,
    next: () => void,
  ): void => {
    if (isAlwaysAdmitted(request.url)) {
      next();
      return;
    }
    const reason = this.shedReason();
    if (reason) {
      this.shed(response, reason);
      return;
    }
    this.inFlightCount++;
    // 'close' follows both a finished response and a connection the client dropped.
    response.once('close', () => this.inFlightCount--);
    next();
  };

  private shed(response: ServerResponse, reason: ShedReason): void {
    this.shedCounter?.inc({ reason });
    this.logShedding();
    const body = JSON.stringify({
      statusCode: 503,
      error: 'Service Unavailable',
      message:
        reason === 'in_flight'
          ? 'Overloaded: too many requests in progress, retry later'
          : 'Overloaded: the server is falling behind, retry later',
    });
    response.writeHead(503, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Retry-After': '1',
      'Cache-Control': 'no-store',
    });
    response.end(body);
  }

  /** At most one line every 10 s: shedding thousands a second must not become a logging load. */
  private logShedding(): void {
    this.shedSinceLog++;
    const now = Date.now();
    if (now - this.lastLogAt < 10_000) return;
    this.logger.warn({
      msg: 'shedding load: requests answered 503',
      shed: this.shedSinceLog,
      inFlight: this.inFlightCount,
      eventLoopLagMs: Math.round(this.options.lag?.lagMs ?? 0),
    });
    this.shedSinceLog = 0;
    this.lastLogAt = now;
  }
}

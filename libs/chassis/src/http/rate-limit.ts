import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { Counter, type Registry } from 'prom-client';
import { isAlwaysAdmitted } from './admission-control';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** When the bucket will be full again if the client sends nothing. */
  fullAt: number;
}

/**
 * A token bucket per key for @nestjs/throttler: a throttler of `limit` per `ttl` ms holds up to
 * `limit` tokens (the burst) and refills at `limit / ttl` a millisecond (the sustained rate). A
 * request takes a token, or is refused while none is left; `timeToBlockExpire` is how long until
 * the next token, the `Retry-After` the guard sends. `blockDuration` is not used: a refused client
 * may send again as soon as a token is back.
 *
 * O(1) a request with no timer per hit (the package's default storage arms a setTimeout for every
 * request and never forgets a client). Full buckets are forgotten every `sweepMs`, so the map
 * holds recently active clients only, and never more than `maxKeys`.
 */
export class TokenBucketStorage implements ThrottlerStorage {
  private readonly buckets = new Map<string, Bucket>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly options: { sweepMs?: number; maxKeys?: number; now?: () => number } = {},
  ) {
    this.sweeper = setInterval(() => this.sweep(), options.sweepMs ?? 60_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.buckets.size;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const refillPerMs = limit / ttl;
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);
      bucket.updatedAt = now;
    } else {
      if (this.buckets.size >= (this.options.maxKeys ?? 100_000)) this.evict(now);
      bucket = { tokens: limit, updatedAt: now, fullAt: now };
      this.buckets.set(key, bucket);
    }
    const isBlocked = bucket.tokens < 1;
    if (!isBlocked) bucket.tokens -= 1;
    bucket.fullAt = now + (limit - bucket.tokens) / refillPerMs;
    return {
      // The guard sends limit - totalHits as X-RateLimit-Remaining: the whole tokens left.
      totalHits: limit - Math.floor(bucket.tokens),
      timeToExpire: Math.ceil((limit - bucket.tokens) / refillPerMs / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked
        ? Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000))
        : 0,
    };
  }

  close(): void {
    clearInterval(this.sweeper);
    this.buckets.clear();
  }

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }

  /** Forgets clients whose bucket has refilled: they are indistinguishable from new ones. */
  private sweep(now = this.now()): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.fullAt <= now) this.buckets.delete(key);
    }
  }

  private evict(now: number): void {
    this.sweep(now);
    // Still full of active clients: forget the least recently inserted tenth.
    const maxKeys = this.options.maxKeys ?? 100_000;
    let excess = this.buckets.size - Math.floor(maxKeys * 0.9);
    for (const key of this.buckets.keys()) {
      if (excess-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  registry?: Registry;
}

/**
 * @nestjs/throttler's guard keyed by client IP alone (the package keys by route as well), so the
 * limit is per client for the whole service. Refusals are 429 with `Retry-After` (seconds) and a
 * message saying what the limit is; they are counted in `fanout_http_requests_throttled_total`.
 * GET /health and /metrics are never throttled, and neither is anything but HTTP.
 */
export class ClientRateLimitGuard extends ThrottlerGuard {
  private readonly throttled?: Counter;

  constructor(
    limits: RateLimitOptions,
    readonly storage: TokenBucketStorage = new TokenBucketStorage(),
  ) {
    super(
      {
        throttlers: [
          {
            name: 'default',
            limit: limits.burst,
            ttl: Math.max(1, Math.round((limits.burst / limits.perSecond) * 1000)),
          },
        ],
        skipIf: (context: ExecutionContext) =>
          context.getType() !== 'http' ||
          isAlwaysAdmitted(context.switchToHttp().getRequest<{ url?: string }>().url),
        errorMessage: (_context, detail) =>
          `Too many requests from this client: at most ${limits.perSecond} a second ` +
          `(bursts of ${limits.burst}); retry after ${detail.timeToBlockExpire} s`,
      },
      storage,
      new Reflector(),
    );
    if (limits.registry) {
      this.throttled = new Counter({
        name: 'fanout_http_requests_throttled_total',
        help: 'HTTP requests refused 429 by the per-client rate limit',
        registers: [limits.registry],
      });
    }
    // Only copies the options into fields: complete once the call returns.
    void this.onModuleInit();
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string) {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    this.throttled?.inc();
    await super.throwThrottlingException(context, detail);
  }
}

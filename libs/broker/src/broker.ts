import { ClassicGroupCoordinator } from './coordinator';
import { resolveConfig, type BrokerConfig } from './config';
import { encodeUnsupportedApiVersionsResponse } from './protocol/api-versions-fallback';
import { ApiKey } from './protocol/api-keys';
import { ErrorCode } from './protocol/error-codes';
import { DiskLogStore, type DiskLogStoreOptions } from './storage';
import type { AdvertisedNode, BrokerContext } from './server/broker-context';
import type { ResponseFaultHook } from './server/connection';
import { advertisedApis } from './server/handlers/api-versions.handler';
import { createHandlerTable } from './server/handler-table';
import { KafkaServer } from './server/kafka-server';
import { createLogger, type Logger } from './server/logger';
import { RequestMetrics, type RequestTimes } from './server/request-metrics';
import { TopicCreator } from './server/topic-creator';

export interface StartBrokerOptions extends Partial<BrokerConfig> {
  dataDir: string;
  /** Defaults to a stderr logger at `logLevel`. */
  logger?: Logger;
  /** Test hook: decides per response whether it is sent, dropped or its connection closed. */
  faults?: ResponseFaultHook;
  /** Storage tuning and test hooks (e.g. a failing fdatasync). */
  storage?: DiskLogStoreOptions;
}

export interface RunningBroker {
  /** Where clients connect (the advertised address). */
  readonly host: string;
  readonly port: number;
  /** `host:port`, ready for a client's bootstrap list. */
  readonly brokers: string;
  readonly nodeId: number;
  readonly config: BrokerConfig;
  /** Rejects if storage failed (a write or fsync error): the broker stopped serving. */
  readonly failure: Promise<never>;
  /**
   * Per-API time requests spent in the broker (frame received to response written) since the
   * previous call or since start; counting then starts afresh. The CLI logs it on SIGUSR2.
   */
  takeRequestTimes(): NamedRequestTimes[];
  /** Stops serving, then flushes and closes storage. Idempotent. */
  close(): Promise<void>;
}

export interface NamedRequestTimes extends RequestTimes {
  /** The API's name in Kafka's protocol guide, e.g. "Produce"; "Unknown99" for a key not served. */
  api: string;
}

const NODE_ID = 0;
const CLUSTER_ID = 'fanout-embedded-broker';
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Opens storage and groups on `dataDir`, then serves the Kafka protocol on host:port. */
export async function startBroker(options: StartBrokerOptions): Promise<RunningBroker> {
  const { logger: givenLogger, faults, storage, ...partial } = options;
  const config = resolveConfig(partial);
  const logger = givenLogger ?? createLogger(config.logLevel);

  const store = await DiskLogStore.open(
    {
      dataDir: config.dataDir,
      segmentBytes: config.segmentBytes,
      retentionMs: config.retentionMs,
      retentionBytes: config.retentionBytes,
      fsync: config.fsync,
    },
    storage,
  );
  if (store.recovery.truncatedBytes > 0) {
    logger.warn('recovered an unclean shutdown', {
      truncatedBytes: store.recovery.truncatedBytes,
      rebuiltIndexes: store.recovery.rebuiltIndexes,
    });
  }
  let coordinator: ClassicGroupCoordinator;
  try {
    coordinator = await ClassicGroupCoordinator.open({
      dataDir: config.dataDir,
      fsync: config.fsync,
    });
  } catch (error) {
    await store.close();
    throw error;
  }

  // Known once the server listens: port 0 picks the port the node advertises.
  const advertisedNode: { current?: AdvertisedNode } = {};
  const context: BrokerContext = {
    store,
    coordinator,
    topics: new TopicCreator(store, config.defaultPartitions),
    node: () => {
      if (!advertisedNode.current) throw new Error('the broker is not listening yet');
      return advertisedNode.current;
    },
    clusterId: CLUSTER_ID,
    config,
    logger,
  };
  const handlers = createHandlerTable(context);
  const metrics = new RequestMetrics();
  const advertised = advertisedApis(handlers);

  let server: KafkaServer;
  try {
    server = await KafkaServer.listen({
      host: config.host,
      port: config.port,
      handlers,
      writeUnsupportedVersion: (apiKey, writer) => {
        if (apiKey === ApiKey.ApiVersions) encodeUnsupportedApiVersionsResponse(writer, advertised);
        else writer.int16(ErrorCode.UNSUPPORTED_VERSION);
      },
      limits: {
        maxFrameBytes: config.maxFrameBytes,
        frameTimeoutMs: config.frameTimeoutMs,
        idleTimeoutMs: config.idleTimeoutMs,
        maxInFlightRequests: 64,
        maxQueuedResponseBytes: 16 * 1024 * 1024,
      },
      logger,
      metrics,
      ...(faults ? { faults } : {}),
    });
  } catch (error) {
    await Promise.allSettled([coordinator.close(), store.close()]);
    throw error;
  }
  const node: AdvertisedNode = {
    nodeId: NODE_ID,
    host: config.advertisedHost ?? (WILDCARD_HOSTS.has(config.host) ? '127.0.0.1' : config.host),
    port: config.advertisedPort ?? server.port,
  };
  advertisedNode.current = node;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await server.close();
      // Requests in hand finish before storage closes (an acks=0 produce may still be creating
      // its topic). The coordinator's close answers the joins and syncs it holds, so those do.
      const results = await Promise.allSettled([
        coordinator.close(),
        server.settled().then(() => store.close()),
      ]);
      for (const result of results) {
        if (result.status === 'rejected') {
          logger.error('closing storage failed', { error: result.reason });
        }
      }
      logger.info('broker stopped');
    })());

  // A failed write or fsync means acknowledged data may not be on disk: stop serving at once
  // so nothing more is acknowledged; the CLI exits non-zero.
  const failure = Promise.race([store.fatal, coordinator.fatal]);
  failure.catch((error: unknown) => {
    logger.error('storage failed; no longer accepting requests', { error });
    void server.close();
  });

  return {
    host: node.host,
    port: node.port,
    brokers: `${node.host}:${node.port}`,
    nodeId: NODE_ID,
    config: { ...config, port: server.port },
    failure,
    takeRequestTimes: () =>
      metrics.takeSnapshot().map((times) => ({ api: ApiKey[times.apiKey] ?? 'unknown', ...times })),
    close,
  };
}

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ClassicGroupCoordinator } from './coordinator';
import {
  ConfigError,
  resolveConfig,
  securityProblem,
  usesSasl,
  usesTls,
  type BrokerConfig,
} from './config';
import { encodeUnsupportedApiVersionsResponse } from './protocol/api-versions-fallback';
import { ApiKey } from './protocol/api-keys';
import { ErrorCode } from './protocol/error-codes';
import { DiskLogStore, type DiskLogStoreOptions } from './storage';
import type { AdvertisedNode, BrokerContext } from './server/broker-context';
import type { ResponseFaultHook } from './server/connection';
import { Access } from './server/access';
import { advertisedApis } from './server/handlers/api-versions.handler';
import { createHandlerTable } from './server/handler-table';
import { KafkaServer, type TlsMaterial } from './server/kafka-server';
import type { ListenerSecurity } from './server/connection';
import { bindingFromJson, type AclBinding, type AclBindingJson } from './security/acl';
import { AclAuthorizer } from './security/authorizer';
import { CredentialStore, readUsersFile, type SaslUser } from './security/credentials';
import { isScramMechanism } from './security/scram';
import { tlsPrincipal } from './security/tls-principal';
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
  /**
   * SASL users, besides those of `saslUsersFile`. Passwords are salted at start (one PBKDF2 per
   * user and offered SCRAM mechanism, SCRAM-SHA-512 for PLAIN alone) and not kept.
   */
  saslUsers?: readonly SaslUser[];
  /** ACLs to add at start if missing (with --authorizer acl), besides those of `aclsFile`. */
  acls?: readonly AclBindingJson[];
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
  /** The API's name in Kafka's protocol guide, e.g. "Produce"; "unknown" for a key it does not serve. */
  api: string;
}

const NODE_ID = 0;
const CLUSTER_ID = 'fanout-embedded-broker';
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Opens storage and groups on `dataDir`, then serves the Kafka protocol on host:port. */
export async function startBroker(options: StartBrokerOptions): Promise<RunningBroker> {
  const { logger: givenLogger, faults, storage, saslUsers, acls, ...partial } = options;
  const config = resolveConfig(partial);
  const logger = givenLogger ?? createLogger(config.logLevel);
  const problem = securityProblem(config);
  if (problem) throw new ConfigError(problem);
  // Everything read from files is read before storage opens: a bad file changes nothing.
  const security = await listenerSecurity(config, saslUsers ?? [], logger);
  const tls = await tlsMaterial(config);
  const initialAcls = await aclsToAdd(config, acls ?? []);

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

  let authorizer: AclAuthorizer | undefined;
  try {
    authorizer =
      config.authorizer === 'acl'
        ? await AclAuthorizer.open(
            {
              dataDir: config.dataDir,
              superUsers: config.superUsers,
              allowEveryoneIfNoAclFound: config.allowEveryoneIfNoAclFound,
            },
            initialAcls,
          )
        : undefined;
  } catch (error) {
    await Promise.allSettled([coordinator.close(), store.close()]);
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
    access: new Access(authorizer),
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
      security,
      ...(tls ? { tls } : {}),
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

/** SASL settings (credentials salted now) and the principal of connections without SASL. */
async function listenerSecurity(
  config: BrokerConfig,
  users: readonly SaslUser[],
  logger: Logger,
): Promise<ListenerSecurity> {
  const security: ListenerSecurity = {};
  if (usesTls(config.securityProtocol) && config.tlsCaFile) security.principalOf = tlsPrincipal;
  if (!usesSasl(config.securityProtocol)) return security;
  const all = [
    ...(config.saslUsersFile ? await readUsersFile(config.saslUsersFile) : []),
    ...users,
  ];
  const credentials = await CredentialStore.create(all, {
    salt: config.saslMechanisms.filter(isScramMechanism),
  });
  if (credentials.size === 0) {
    logger.warn('SASL listener without users: no client can authenticate', {
      protocol: config.securityProtocol,
    });
  }
  security.sasl = {
    mechanisms: config.saslMechanisms,
    credentials,
    // Unknown users get made-up SCRAM salts derived from this, stable while the broker runs.
    fakeSaltKey: randomBytes(32),
  };
  return security;
}

async function tlsMaterial(config: BrokerConfig): Promise<TlsMaterial | undefined> {
  if (!usesTls(config.securityProtocol)) return undefined;
  const read = async (file: string | undefined, what: string): Promise<Buffer> => {
    try {
      return await readFile(file as string);
    } catch (error) {
      throw new ConfigError(`cannot read the TLS ${what} ${file}: ${(error as Error).message}`);
    }
  };
  return {
    cert: await read(config.tlsCertFile, 'certificate'),
    key: await read(config.tlsKeyFile, 'key'),
    ...(config.tlsCaFile ? { ca: await read(config.tlsCaFile, 'CA') } : {}),
  };
}

/** The ACLs of `aclsFile` (a JSON array, or `{ "acls": [...] }`) and of the options, checked. */
async function aclsToAdd(
  config: BrokerConfig,
  given: readonly AclBindingJson[],
): Promise<AclBinding[]> {
  const all = [...given];
  if (config.aclsFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(config.aclsFile, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `cannot read ACLs file ${config.aclsFile}: ${(error as Error).message}`,
      );
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { acls?: unknown } | null)?.acls;
    if (!Array.isArray(list))
      throw new ConfigError(`ACLs file ${config.aclsFile} has no "acls" array`);
    all.push(...(list as AclBindingJson[]));
  }
  if (all.length > 0 && config.authorizer !== 'acl') {
    throw new ConfigError('ACLs were given but the authorizer is off: add --authorizer acl');
  }
  try {
    return all.map(bindingFromJson);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

import { parseArgs } from 'node:util';
import type { FsyncPolicy } from './storage/log-store';
import { isLogLevel, type LogLevel } from './server/logger';
import { isPrincipal } from './security/acl';
import { parseUserList, type SaslUser } from './security/credentials';
import { isSaslMechanism, SASL_MECHANISMS, type SaslMechanism } from './security/sasl-session';

/** Kafka's listener security protocols. */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

const SECURITY_PROTOCOLS: readonly SecurityProtocol[] = [
  'PLAINTEXT',
  'SSL',
  'SASL_PLAINTEXT',
  'SASL_SSL',
];

export const usesSasl = (protocol: SecurityProtocol): boolean => protocol.startsWith('SASL_');
export const usesTls = (protocol: SecurityProtocol): boolean =>
  protocol === 'SSL' || protocol === 'SASL_SSL';

/** Everything a broker is started with. Sizes are bytes, durations milliseconds. */
export interface BrokerConfig {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  dataDir: string;
  /** Host clients are told to connect to (Metadata); defaults to the listen host. */
  advertisedHost: string | undefined;
  /** Port clients are told to connect to (Metadata); defaults to the bound port. */
  advertisedPort: number | undefined;
  /** Partitions of a topic created by Metadata, Produce or CreateTopics with -1. */
  defaultPartitions: number;
  /** Create unknown topics when a producer or consumer asks for them. */
  autoCreateTopics: boolean;
  fsync: FsyncPolicy;
  /** -1 keeps segments forever. */
  retentionMs: number;
  /** Per partition; -1 means no limit. */
  retentionBytes: number;
  segmentBytes: number;
  /** Larger (or negative) frame sizes are refused before anything is allocated. */
  maxFrameBytes: number;
  /** A frame must arrive whole within this time after its first byte (slow-sender defence). */
  frameTimeoutMs: number;
  /** Connections idle for this long are closed. */
  idleTimeoutMs: number;
  logLevel: LogLevel;
  /** PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL, as Kafka names listeners. */
  securityProtocol: SecurityProtocol;
  /** Offered in the SASL handshake. */
  saslMechanisms: readonly SaslMechanism[];
  /** JSON file of SASL users (passwords or salted SCRAM credentials), read at start. */
  saslUsersFile: string | undefined;
  /** PEM certificate (chain) of an SSL / SASL_SSL listener. */
  tlsCertFile: string | undefined;
  /** PEM private key of an SSL / SASL_SSL listener. */
  tlsKeyFile: string | undefined;
  /** PEM CA certificates: when set, clients must present a certificate it signed (mTLS). */
  tlsCaFile: string | undefined;
  /** 'acl' enforces ACLs (Kafka's StandardAuthorizer); 'none' allows everything (the default). */
  authorizer: 'none' | 'acl';
  /** Principals the authorizer allows everything (Kafka's super.users). */
  superUsers: readonly string[];
  /** JSON file of ACLs added at start (and stored) if missing. */
  aclsFile: string | undefined;
  /** Kafka's allow.everyone.if.no.acl.found: a resource no ACL names is open to all. */
  allowEveryoneIfNoAclFound: boolean;
}

export const DEFAULT_CONFIG: Readonly<Omit<BrokerConfig, 'dataDir'>> & { dataDir: string } = {
  host: '127.0.0.1',
  port: 9092,
  dataDir: '.data/broker',
  advertisedHost: undefined,
  advertisedPort: undefined,
  defaultPartitions: 6,
  autoCreateTopics: true,
  fsync: 'never',
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  segmentBytes: 64 * 1024 * 1024,
  maxFrameBytes: 100 * 1024 * 1024,
  frameTimeoutMs: 30_000,
  idleTimeoutMs: 10 * 60 * 1000,
  logLevel: 'info',
  securityProtocol: 'PLAINTEXT',
  saslMechanisms: SASL_MECHANISMS,
  saslUsersFile: undefined,
  tlsCertFile: undefined,
  tlsKeyFile: undefined,
  tlsCaFile: undefined,
  authorizer: 'none',
  superUsers: [],
  aclsFile: undefined,
  allowEveryoneIfNoAclFound: false,
};

/** Thrown for a value that cannot configure a broker; the CLI prints it with the usage. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** What the command line sets: the config, and users given inline (kept out of the config). */
type Parsed = Partial<BrokerConfig> & { saslUsers?: SaslUser[] };

interface OptionSpec {
  flag: string;
  env: string;
  valueName: string;
  description: string;
  apply(value: string, into: Parsed): void;
}

function integer(flag: string, min: number): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value.trim()))
      throw new ConfigError(`--${flag}: '${value}' is not an integer`);
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed) || parsed < min) {
      throw new ConfigError(`--${flag}: ${value} must be an integer >= ${min}`);
    }
    return parsed;
  };
}

function limitOrUnlimited(flag: string): (value: string) => number {
  const parse = integer(flag, -1);
  return (value) => {
    const parsed = parse(value);
    if (parsed === 0) throw new ConfigError(`--${flag}: use -1 for no limit, or a positive value`);
    return parsed;
  };
}

export function parseFsyncPolicy(value: string): FsyncPolicy {
  if (value === 'always' || value === 'never') return value;
  if (/^\d+$/.test(value) && Number(value) > 0) return { intervalMs: Number(value) };
  throw new ConfigError(`--fsync: '${value}' is not always, never or a positive number of ms`);
}

function parseBoolean(flag: string, value: string): boolean {
  if (/^(true|on|yes|1)$/i.test(value)) return true;
  if (/^(false|off|no|0)$/i.test(value)) return false;
  throw new ConfigError(`--${flag}: '${value}' is not true or false`);
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new ConfigError(`--${flag} must not be empty`);
  return value;
}

const d = DEFAULT_CONFIG;

/** One table drives the argument parser, the environment variables and the help text. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    flag: 'host',
    env: 'BROKER_HOST',
    valueName: 'host',
    description: `interface to listen on (default ${d.host})`,
    apply: (v, c) => (c.host = nonEmpty('host', v)),
  },
  {
    flag: 'port',
    env: 'BROKER_PORT',
    valueName: 'port',
    description: `port to listen on, 0 for any free port (default ${d.port})`,
    apply: (v, c) => {
      c.port = integer('port', 0)(v);
      if (c.port > 65535) throw new ConfigError(`--port: ${v} is not a port`);
    },
  },
  {
    flag: 'data-dir',
    env: 'BROKER_DATA_DIR',
    valueName: 'path',
    description: `directory holding topics, offsets and producer ids (default ${d.dataDir})`,
    apply: (v, c) => (c.dataDir = nonEmpty('data-dir', v)),
  },
  {
    flag: 'advertised-host',
    env: 'BROKER_ADVERTISED_HOST',
    valueName: 'host',
    description: 'host clients are told to connect to (default: the listen host)',
    apply: (v, c) => (c.advertisedHost = nonEmpty('advertised-host', v)),
  },
  {
    flag: 'advertised-port',
    env: 'BROKER_ADVERTISED_PORT',
    valueName: 'port',
    description: 'port clients are told to connect to (default: the listen port)',
    apply: (v, c) => (c.advertisedPort = integer('advertised-port', 1)(v)),
  },
  {
    flag: 'default-partitions',
    env: 'BROKER_DEFAULT_PARTITIONS',
    valueName: 'n',
    description: `partitions of auto-created topics (default ${d.defaultPartitions})`,
    apply: (v, c) => (c.defaultPartitions = integer('default-partitions', 1)(v)),
  },
  {
    flag: 'auto-create-topics',
    env: 'BROKER_AUTO_CREATE_TOPICS',
    valueName: 'true|false',
    description: `create unknown topics on first use (default ${d.autoCreateTopics})`,
    apply: (v, c) => (c.autoCreateTopics = parseBoolean('auto-create-topics', v)),
  },
  {
    flag: 'fsync',
    env: 'BROKER_FSYNC',
    valueName: 'always|never|ms',
    description:
      'always: fdatasync before acknowledging; never: leave flushing to the OS (survives a ' +
      `process crash, not a power loss); <ms>: flush at that interval (default ${d.fsync})`,
    apply: (v, c) => (c.fsync = parseFsyncPolicy(v)),
  },
  {
    flag: 'retention-ms',
    env: 'BROKER_RETENTION_MS',
    valueName: 'ms',
    description: `delete closed segments older than this, -1 for never (default ${d.retentionMs})`,
    apply: (v, c) => (c.retentionMs = limitOrUnlimited('retention-ms')(v)),
  },
  {
    flag: 'retention-bytes',
    env: 'BROKER_RETENTION_BYTES',
    valueName: 'bytes',
    description: `per-partition size above which the oldest segments go, -1 for no limit (default ${d.retentionBytes})`,
    apply: (v, c) => (c.retentionBytes = limitOrUnlimited('retention-bytes')(v)),
  },
  {
    flag: 'segment-bytes',
    env: 'BROKER_SEGMENT_BYTES',
    valueName: 'bytes',
    description: `roll a partition's segment file at this size (default ${d.segmentBytes})`,
    apply: (v, c) => (c.segmentBytes = integer('segment-bytes', 1024)(v)),
  },
  {
    flag: 'max-frame-bytes',
    env: 'BROKER_MAX_FRAME_BYTES',
    valueName: 'bytes',
    description: `largest request accepted; larger ones close the connection (default ${d.maxFrameBytes})`,
    apply: (v, c) => (c.maxFrameBytes = integer('max-frame-bytes', 1024)(v)),
  },
  {
    flag: 'frame-timeout-ms',
    env: 'BROKER_FRAME_TIMEOUT_MS',
    valueName: 'ms',
    description: `a request must arrive whole within this time (default ${d.frameTimeoutMs})`,
    apply: (v, c) => (c.frameTimeoutMs = integer('frame-timeout-ms', 1)(v)),
  },
  {
    flag: 'idle-timeout-ms',
    env: 'BROKER_IDLE_TIMEOUT_MS',
    valueName: 'ms',
    description: `close connections idle for this long (default ${d.idleTimeoutMs})`,
    apply: (v, c) => (c.idleTimeoutMs = integer('idle-timeout-ms', 1)(v)),
  },
  {
    flag: 'listener-security-protocol',
    env: 'BROKER_LISTENER_SECURITY_PROTOCOL',
    valueName: 'protocol',
    description: `PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (default ${d.securityProtocol})`,
    apply: (v, c) => {
      const protocol = SECURITY_PROTOCOLS.find((p) => p === v.trim().toUpperCase());
      if (!protocol) {
        throw new ConfigError(
          `--listener-security-protocol: '${v}' is not one of ${SECURITY_PROTOCOLS.join(', ')}`,
        );
      }
      c.securityProtocol = protocol;
    },
  },
  {
    flag: 'sasl-mechanisms',
    env: 'BROKER_SASL_MECHANISMS',
    valueName: 'list',
    description: `SASL mechanisms offered, comma-separated (default ${d.saslMechanisms.join(',')})`,
    apply: (v, c) => {
      const mechanisms = v
        .split(',')
        .map((m) => m.trim().toUpperCase())
        .filter((m) => m !== '');
      const unknown = mechanisms.filter((m) => !isSaslMechanism(m));
      if (mechanisms.length === 0 || unknown.length > 0) {
        throw new ConfigError(
          `--sasl-mechanisms: '${v}' must list some of ${SASL_MECHANISMS.join(', ')}`,
        );
      }
      c.saslMechanisms = [...new Set(mechanisms)] as SaslMechanism[];
    },
  },
  {
    flag: 'sasl-users',
    env: 'BROKER_SASL_USERS',
    valueName: 'user:password,...',
    description: 'SASL users (salted at start; passwords are not kept)',
    apply: (v, c) => {
      try {
        c.saslUsers = parseUserList(v);
      } catch (error) {
        throw new ConfigError(`--sasl-users: ${(error as Error).message}`);
      }
    },
  },
  {
    flag: 'sasl-users-file',
    env: 'BROKER_SASL_USERS_FILE',
    valueName: 'path',
    description: 'JSON file of SASL users: {"users":[{"name","password"} or {"name","scram"}]}',
    apply: (v, c) => (c.saslUsersFile = nonEmpty('sasl-users-file', v)),
  },
  {
    flag: 'tls-cert',
    env: 'BROKER_TLS_CERT',
    valueName: 'path',
    description: 'PEM certificate of an SSL or SASL_SSL listener',
    apply: (v, c) => (c.tlsCertFile = nonEmpty('tls-cert', v)),
  },
  {
    flag: 'tls-key',
    env: 'BROKER_TLS_KEY',
    valueName: 'path',
    description: 'PEM private key of an SSL or SASL_SSL listener',
    apply: (v, c) => (c.tlsKeyFile = nonEmpty('tls-key', v)),
  },
  {
    flag: 'tls-ca',
    env: 'BROKER_TLS_CA',
    valueName: 'path',
    description: 'PEM CA certificates; clients must then present a certificate it signed',
    apply: (v, c) => (c.tlsCaFile = nonEmpty('tls-ca', v)),
  },
  {
    flag: 'authorizer',
    env: 'BROKER_AUTHORIZER',
    valueName: 'none|acl',
    description: `acl: enforce ACLs, deny what none allows; none: allow everything (default ${d.authorizer})`,
    apply: (v, c) => {
      if (v !== 'none' && v !== 'acl')
        throw new ConfigError(`--authorizer: '${v}' is not none or acl`);
      c.authorizer = v;
    },
  },
  {
    flag: 'super-users',
    env: 'BROKER_SUPER_USERS',
    valueName: 'User:a;User:b',
    description: "principals allowed everything, separated by ; (Kafka's super.users)",
    apply: (v, c) => {
      const principals = v
        .split(';')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const bad = principals.find((p) => !isPrincipal(p));
      if (bad !== undefined) throw new ConfigError(`--super-users: '${bad}' is not Type:name`);
      c.superUsers = principals;
    },
  },
  {
    flag: 'acls',
    env: 'BROKER_ACLS_FILE',
    valueName: 'path',
    description: 'JSON file of ACLs to add at start (they are stored with the others)',
    apply: (v, c) => (c.aclsFile = nonEmpty('acls', v)),
  },
  {
    flag: 'allow-everyone-if-no-acl-found',
    env: 'BROKER_ALLOW_EVERYONE_IF_NO_ACL_FOUND',
    valueName: 'true|false',
    description: `with --authorizer acl, allow a resource no ACL names (default ${d.allowEveryoneIfNoAclFound})`,
    apply: (v, c) =>
      (c.allowEveryoneIfNoAclFound = parseBoolean('allow-everyone-if-no-acl-found', v)),
  },
  {
    flag: 'log-level',
    env: 'BROKER_LOG_LEVEL',
    valueName: 'level',
    description: `debug, info, warn, error or silent (default ${d.logLevel})`,
    apply: (v, c) => {
      if (!isLogLevel(v)) throw new ConfigError(`--log-level: '${v}' is not a log level`);
      c.logLevel = v;
    },
  },
];

export function usage(command = 'npm run broker --'): string {
  const flags = OPTIONS.map((o) => `--${o.flag} <${o.valueName}>`);
  const width = Math.max(...flags.map((flag) => flag.length));
  return [
    `Usage: ${command} [options]`,
    '',
    'Runs a single-node Kafka-compatible broker in the foreground until SIGINT or SIGTERM.',
    'SIGUSR2 prints, per API, how long requests spent in the broker since the previous SIGUSR2.',
    'Each option may also be set by its environment variable; a command-line option wins.',
    '',
    ...OPTIONS.flatMap((o, i) => [
      `  ${(flags[i] as string).padEnd(width)}  ${o.env}`,
      `  ${''.padEnd(width)}  ${o.description}`,
    ]),
    `  ${'--help'.padEnd(width)}  print this help and exit`,
    '',
  ].join('\n');
}

export type CliCommand =
  { help: true } | { help: false; config: BrokerConfig; saslUsers: SaslUser[] };

/** Reads the configuration from command-line arguments, then environment variables, then defaults. */
export function parseCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(OPTIONS.map((o) => [o.flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (parsed.values.help) return { help: true };
  const into: Parsed = {};
  for (const option of OPTIONS) {
    const fromArgs = (parsed.values as Record<string, string | boolean | undefined>)[option.flag];
    const value = typeof fromArgs === 'string' ? fromArgs : env[option.env];
    if (value !== undefined) option.apply(value, into);
  }
  const { saslUsers = [], ...partial } = into;
  const config = resolveConfig(partial);
  const problem = securityProblem(config);
  if (problem) throw new ConfigError(problem);
  return { help: false, config, saslUsers };
}

/** Why the security options do not fit together, or undefined. */
export function securityProblem(config: BrokerConfig): string | undefined {
  if (usesTls(config.securityProtocol) && (!config.tlsCertFile || !config.tlsKeyFile)) {
    return `--listener-security-protocol ${config.securityProtocol} needs --tls-cert and --tls-key`;
  }
  if (
    !usesTls(config.securityProtocol) &&
    (config.tlsCertFile || config.tlsKeyFile || config.tlsCaFile)
  ) {
    return `--tls-cert, --tls-key and --tls-ca need --listener-security-protocol SSL or SASL_SSL`;
  }
  return undefined;
}

/** Fills in the defaults for whatever `partial` leaves out. */
export function resolveConfig(partial: Partial<BrokerConfig>): BrokerConfig {
  return { ...DEFAULT_CONFIG, ...stripUndefined(partial) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

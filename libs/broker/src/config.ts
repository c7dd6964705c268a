import { parseArgs } from 'node:util';
import type { FsyncPolicy } from './storage/log-store';
import { isLogLevel, type LogLevel } from './server/logger';

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
};

/** Thrown for a value that cannot configure a broker; the CLI prints it with the usage. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Parsed = Partial<BrokerConfig>;

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

export type CliCommand = { help: true } | { help: false; config: BrokerConfig };

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
  const config: Parsed = {};
  for (const option of OPTIONS) {
    const fromArgs = (parsed.values as Record<string, string | boolean | undefined>)[option.flag];
    const value = typeof fromArgs === 'string' ? fromArgs : env[option.env];
    if (value !== undefined) option.apply(value, config);
  }
  return { help: false, config: resolveConfig(config) };
}

/** Fills in the defaults for whatever `partial` leaves out. */
export function resolveConfig(partial: Partial<BrokerConfig>): BrokerConfig {
  return { ...DEFAULT_CONFIG, ...stripUndefined(partial) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
